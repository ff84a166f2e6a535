package openslospec

import (
	"testing"

	"github.com/opsdesign/opsdesign/internal/fastregexp"
)

// TestNamePatternsAreScanned keeps the name patterns on fastregexp's scan
// of bytes: compiled by package regexp instead, they would cost every
// start of the CLI tens of milliseconds, and every name a machine run.
func TestNamePatternsAreScanned(t *testing.T) {
	for _, re := range []*fastregexp.Regexp{dnsLabel, openSLOName, letters, lowerLabelValue} {
		if !re.Fast() {
			t.Errorf("%s is left to package regexp", re)
		}
	}
}
