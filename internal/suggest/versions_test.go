package suggest_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/opsdesign/opsdesign/internal/suggest"
)

var known = []string{"opsdesign/v1", "openslo/v1", "openslo/v1alpha", "openslo.com/v2alpha"}

func TestVersions(t *testing.T) {
	for written, want := range map[string][]string{
		"opensol/v1":     {"openslo/v1"},
		"openslo/v2":     {"openslo/v1", "openslo.com/v2alpha"},
		"opsdesign/v2":   {"opsdesign/v1"},
		"OpenSLO/V1":     {"openslo/v1"},
		"openslo/v1alpa": {"openslo/v1alpha"},
		"foo":            nil,
	} {
		assert.Equal(t, want, suggest.Versions(written, known), written)
	}
	assert.Equal(t, "", suggest.DidYouMeanAny(nil))
	assert.Equal(t, `; did you mean "a" or "b"?`, suggest.DidYouMeanAny([]string{"a", "b"}))
}

func ExampleVersions() {
	near := suggest.Versions("openslo/v2", known)
	fmt.Println(near, suggest.DidYouMeanAny(near))
	// Output: [openslo/v1 openslo.com/v2alpha] ; did you mean "openslo/v1" or "openslo.com/v2alpha"?
}
