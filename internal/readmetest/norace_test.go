//go:build !race

package readmetest

// raceFlags: see race_test.go.
var raceFlags []string
