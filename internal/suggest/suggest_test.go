package suggest_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/opsdesign/opsdesign/internal/suggest"
)

func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"owner", "ownr", 1}, {"kitten", "sitting", 3}, {"新規", "新", 1}, {"abc", "", 3}} {
		assert.Equal(t, tt.want, suggest.Distance(tt.a, tt.b), "%q %q", tt.a, tt.b)
	}
}

func TestClosest(t *testing.T) {
	names := []string{"ops-manager", "architect", "support"}
	assert.Equal(t, "ops-manager", suggest.Closest("ops-manger", names))
	assert.Equal(t, "ops-manager", suggest.Closest("OPS-MANAGER", names), "case is ignored")
	assert.Equal(t, "", suggest.Closest("nobody", names))
	assert.Equal(t, "", suggest.Closest("support", names), "an exact name needs no suggestion")
	assert.Equal(t, "ab", suggest.Closest("a", []string{"ac", "ab"}), "ties go to the first alphabetically")
}

func ExampleClosest() {
	fmt.Println(suggest.Closest("ownr", []string{"owner", "value", "state"}))
	// Output: owner
}
