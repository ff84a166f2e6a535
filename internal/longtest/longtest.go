// Package longtest names the project's long test mode. Cross-checks that
// take tens of seconds (a minute-by-minute reference model, say) run only
// when OPSDESIGN_LONG=1 is set, which .ci/run does; the README's test
// command stays fast for a newcomer.
package longtest

import (
	"os"
	"testing"
)

// Env is the variable that turns the long mode on.
const Env = "OPSDESIGN_LONG"

// Enabled reports whether the long mode is on.
func Enabled() bool { return os.Getenv(Env) == "1" }

// Skip skips t unless the long mode is on, saying how to turn it on.
func Skip(t testing.TB) {
	t.Helper()
	if !Enabled() {
		t.Skipf("long cross-check: set %s=1 to run it (.ci/run does)", Env)
	}
}
