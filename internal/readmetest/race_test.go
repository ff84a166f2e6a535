//go:build race

package readmetest

// raceFlags are the build flags of the go commands the README tests run:
// under go test -race, -race too, so that they reuse the packages the
// suite already compiled with the race detector instead of compiling the
// module a second time on a first run.
var raceFlags = []string{"-race"}
