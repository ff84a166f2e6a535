package report

import (
	"runtime/debug"
	"strings"
)

// modulePath is the module whose version names the tool.
const modulePath = "github.com/opsdesign/opsdesign"

// BuildVersion returns the version of opsdesign in the running program,
// from its build information: the module version when the program was
// built from a released module (go install ...@v1.2.3, or a program that
// imports the library), else "devel", with the commit and "-dirty" when
// the build stamped them (go build in a checkout). It is the tool version
// in SARIF output unless Options.ToolVersion says otherwise.
func BuildVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if info.Main.Path == modulePath && released(info.Main.Version) {
		return info.Main.Version
	}
	for _, dep := range info.Deps {
		if dep.Path == modulePath && released(dep.Version) {
			return dep.Version
		}
	}
	v := "devel"
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "-dirty"
			}
		}
	}
	if rev != "" {
		v += "+" + rev[:min(12, len(rev))] + dirty
	}
	return v
}

func released(v string) bool { return v != "" && v != "(devel)" && !strings.HasPrefix(v, "(") }
