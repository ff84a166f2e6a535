package jsonptr_test

import (
	"fmt"

	"github.com/opsdesign/opsdesign/internal/jsonptr"
)

func Example() {
	doc := map[string]any{"spec": map[string]any{"on/off": []any{"weekdays", "weekends"}}}
	ptr := jsonptr.Join("spec", "on/off", "1")
	v, ok := jsonptr.Lookup(doc, ptr)
	fmt.Println(ptr, v, ok)
	// Output: /spec/on~1off/1 weekends true
}
