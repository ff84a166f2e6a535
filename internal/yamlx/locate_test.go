package yamlx

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPointer(t *testing.T) {
	assert.Equal(t, "", Pointer())
	assert.Equal(t, "/spec/tasks/0", Pointer("spec", "tasks", "0"))
	assert.Equal(t, "/a~1b/c~0d/~01", Pointer("a/b", "c~d", "~1"))
	assert.Equal(t, "/", Pointer(""))
	assert.Equal(t, "/名前", Pointer("名前"))
}

func TestLocate(t *testing.T) {
	src := `spec:
  name: card
  a/b: slash
  c~d: tilde
  "": empty
  名前: 会員
  tasks:
    - owner: ops
    - owner: &o dev
  alias: *o
  refs: &r {x: [1, 2]}
  via: *r
`
	docs, fs := Parse([]byte(src), Options{})
	require.Empty(t, fs)
	require.Len(t, docs, 1)
	root := docs[0].Root
	tests := []struct {
		ptr    string
		key    [2]int // 0,0 for no key
		value  [2]int
		exists bool
	}{
		{"", [2]int{}, [2]int{1, 1}, true},
		{"/spec", [2]int{1, 1}, [2]int{2, 3}, true},
		{"/spec/name", [2]int{2, 3}, [2]int{2, 9}, true},
		{"/spec/a~1b", [2]int{3, 3}, [2]int{3, 8}, true},
		{"/spec/c~0d", [2]int{4, 3}, [2]int{4, 8}, true},
		{"/spec/", [2]int{5, 3}, [2]int{5, 7}, true},
		{"/spec/名前", [2]int{6, 3}, [2]int{6, 7}, true},
		{"/spec/tasks/1/owner", [2]int{9, 7}, [2]int{9, 14}, true},
		{"/spec/tasks/1", [2]int{}, [2]int{9, 7}, true},
		{"/spec/via/x/1", [2]int{}, [2]int{11, 20}, true},
		// Missing members are reported at the deepest ancestor that exists.
		{"/spec/missing", [2]int{1, 1}, [2]int{2, 3}, false},
		{"/spec/tasks/2/owner", [2]int{7, 3}, [2]int{8, 5}, false},
		{"/spec/tasks/01", [2]int{7, 3}, [2]int{8, 5}, false},
		{"/spec/tasks/-", [2]int{7, 3}, [2]int{8, 5}, false},
		{"/spec/name/deeper", [2]int{2, 3}, [2]int{2, 9}, false},
		{"/spec/via/x/9", [2]int{11, 13}, [2]int{11, 16}, false},
		{"no-slash", [2]int{}, [2]int{1, 1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.ptr, func(t *testing.T) {
			k, v, ok := Locate(root, tt.ptr)
			assert.Equal(t, tt.exists, ok)
			var kp [2]int
			if k != nil {
				kp = [2]int{k.Line, k.Column}
			}
			assert.Equal(t, tt.key, kp, "key")
			require.NotNil(t, v)
			assert.Equal(t, tt.value, [2]int{v.Line, v.Column}, "value")
		})
	}
	k, v, ok := Locate(nil, "/a")
	assert.Nil(t, k)
	assert.Nil(t, v)
	assert.False(t, ok)
}
