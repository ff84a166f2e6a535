package yamlx

import (
	"os"
	"testing"

	"github.com/opsdesign/opsdesign/internal/gen"
)

// FuzzFastParseMatchesYAMLv3 holds the fast path to its contract: whenever
// it accepts an input, yaml.v3 accepts it too and builds a deeply equal
// tree.
func FuzzFastParseMatchesYAMLv3(f *testing.F) {
	for _, s := range fastCases {
		f.Add([]byte(s))
	}
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	for _, c := range chunkSources(gen.Design(2)) {
		f.Add(c)
	}
	for _, c := range chunkSources(gen.OpenSLO(100))[:4] {
		f.Add(c)
	}
	for _, name := range testdataYAML(f) {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for _, c := range chunkSources(data) {
			f.Add(c)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkFast(t, src)
	})
}
