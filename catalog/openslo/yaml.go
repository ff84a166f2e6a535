package openslo

import (
	"bytes"
	"fmt"
	"io"

	"gopkg.in/yaml.v3"
)

// ordered is a mapping that keeps its keys in the order written, so what
// is written reads like the specifications' examples.
type ordered []kv

type kv struct {
	k string
	v any
}

// MarshalYAML implements yaml.Marshaler.
func (o ordered) MarshalYAML() (any, error) {
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for _, e := range o {
		var v yaml.Node
		if err := v.Encode(e.v); err != nil {
			return nil, err
		}
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: e.k}, &v)
	}
	return n, nil
}

// add appends a member when its value is not empty.
func (o *ordered) add(k string, v any) {
	switch x := v.(type) {
	case string:
		if x == "" {
			return
		}
	case map[string]string:
		if len(x) == 0 {
			return
		}
	case map[string]any:
		if len(x) == 0 {
			return
		}
	case ordered:
		if len(x) == 0 {
			return
		}
	case []any:
		if len(x) == 0 {
			return
		}
	case nil:
		return
	}
	*o = append(*o, kv{k, v})
}

// writeDocuments writes documents as one YAML stream, separated by "---".
func writeDocuments(w io.Writer, docs []any) error {
	if len(docs) == 0 {
		return nil // yaml.v3's encoder fails to close an empty stream
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	for _, doc := range docs {
		if err := enc.Encode(doc); err != nil {
			return fmt.Errorf("openslo: %w", err)
		}
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("openslo: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("openslo: %w", err)
	}
	return nil
}
