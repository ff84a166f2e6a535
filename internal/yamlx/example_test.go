package yamlx_test

import (
	"fmt"

	"github.com/opsdesign/opsdesign/internal/yamlx"
)

func ExampleParse() {
	src := []byte(`apiVersion: opsdesign/v1
kind: Service
metadata:
  name: member-card
  title: 会員カード
---
kind: Service
metadata: {name: [broken
---
kind: Role
metadata:
  name: operator
  name: duplicate
spec:
  pager: no
`)
	docs, findings := yamlx.Parse(src, yamlx.Options{})
	for _, d := range docs {
		m := d.Value.(map[string]any)
		fmt.Printf("document %d at line %d: %s %v\n", d.Index, d.Line, m["kind"], m["metadata"])
	}
	for _, f := range findings {
		fmt.Printf("%d:%d %s (document %d %s)\n", f.Line, f.Column, f.Rule, f.Doc, f.Path)
	}
	// Output:
	// document 0 at line 1: Service map[name:member-card title:会員カード]
	// document 2 at line 10: Role map[name:operator]
	// 8:11 yaml/syntax (document 1 )
	// 13:3 yaml/duplicate-key (document 2 /metadata/name)
	// 15:10 yaml/ambiguous-bool (document 2 /spec/pager)
}

func ExampleParse_json() {
	src := []byte("{\n  \"name\": \"member-card\",\n  \"tier\": 2\n}")
	docs, findings := yamlx.Parse(src, yamlx.Options{JSON: true, Single: true})
	fmt.Println(docs[0].Value, len(findings))
	// Output:
	// map[name:member-card tier:2] 0
}

func ExampleLocate() {
	docs, _ := yamlx.Parse([]byte("spec:\n  tasks:\n    - name: restart\n      owner: ops\n"), yamlx.Options{})
	root := docs[0].Root

	key, value, ok := yamlx.Locate(root, yamlx.Pointer("spec", "tasks", "0", "owner"))
	fmt.Println(ok, key.Line, key.Column, value.Value)

	// A missing property is reported at its object.
	_, value, ok = yamlx.Locate(root, "/spec/tasks/0/procedure")
	fmt.Println(ok, value.Line, value.Column)
	// Output:
	// true 4 7 ops
	// false 3 7
}

func ExampleRuleIDs() {
	for _, id := range yamlx.RuleIDs()[:3] {
		fmt.Println(id)
	}
	// Output:
	// yaml/syntax
	// json/syntax
	// yaml/duplicate-key
}

func ExampleCompact() {
	docs, _ := yamlx.Parse([]byte("service:\n  name: billing # the team's\n  hours: '24x7'\n"), yamlx.Options{})
	tree := yamlx.Compact(docs[0].Root) // docs[0].Root may now be released
	key, value, _ := tree.Locate("/service/hours")
	fmt.Println(key.Line, key.Column, value.Line, value.Column, value.Value)
	// Output:
	// 3 3 3 10 24x7
}
