package diff_test

import (
	"bytes"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog/diff"
	"github.com/opsdesign/opsdesign/catalog/report"
)

// TestConcurrentReviews shares two loaded revisions among goroutines that
// each review them (building the rosters and their cover lazily, under
// -race) and checks that every goroutine writes what a single review of
// freshly loaded revisions writes.
func TestConcurrentReviews(t *testing.T) {
	text := func(old, new diff.Revision) string {
		var buf bytes.Buffer
		require.NoError(t, diff.Review(old, new, opts()).Write(&buf, report.JSON, diff.WriteOptions{}))
		return buf.String()
	}
	loadBoth := func() (diff.Revision, diff.Revision) {
		old, err := diff.LoadDir("testdata/roster/old")
		require.NoError(t, err)
		new, err := diff.LoadDir("testdata/roster/new")
		require.NoError(t, err)
		return old, new
	}
	want := text(loadBoth())
	old, new := loadBoth()
	got := make([]string, 8)
	var wg sync.WaitGroup
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%2 == 0 {
				got[i] = text(old, new)
				return
			}
			var buf bytes.Buffer
			if err := diff.Designs(old.Design, new.Design, opts()).Write(&buf, report.Text, diff.WriteOptions{}); err == nil {
				got[i] = buf.String()
			}
		}()
	}
	wg.Wait()
	for i, g := range got {
		if i%2 == 0 {
			assert.Equal(t, want, g, "goroutine %d", i)
		} else {
			assert.Contains(t, g, "cover/gap-opened", "goroutine %d", i)
		}
	}
}
