package report

import (
	"runtime/debug"
	"strings"
)

// modulePath is the module whose version names the tool.
const modulePath = "github.com/opsdesign/opsdesign"

// devel is the version of a build from a checkout.
const devel = "0.0.0-devel"

// BuildVersion returns the version of opsdesign in the running program,
// from its build information, as a semantic version without Go's "v" (SARIF
// asks for a version that starts with a number, SARIF2005): the module's
// version when the program was built from a released module (go install
// ...@v1.2.3 gives "1.2.3"; so does a program that imports the library),
// else "0.0.0-devel", with the commit and ".dirty" when the build stamped
// them (go build in a checkout: "0.0.0-devel+0123456789ab.dirty"). It is
// the tool version in SARIF output unless Options.ToolVersion says
// otherwise.
func BuildVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return devel
	}
	if info.Main.Path == modulePath && released(info.Main.Version) {
		return strings.TrimPrefix(info.Main.Version, "v")
	}
	for _, dep := range info.Deps {
		if dep.Path == modulePath && released(dep.Version) {
			return strings.TrimPrefix(dep.Version, "v")
		}
	}
	v := devel
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = ".dirty"
			}
		}
	}
	if rev != "" {
		v += "+" + rev[:min(12, len(rev))] + dirty
	}
	return v
}

func released(v string) bool { return v != "" && v != "(devel)" && !strings.HasPrefix(v, "(") }
