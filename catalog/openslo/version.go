package openslo

import (
	"errors"
	"fmt"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/diag"
)

// Version is an OpenSLO apiVersion: one opsdesign reads, and converts to.
type Version string

// The OpenSLO versions.
const (
	V1alpha Version = catalog.OpenSLOV1alphaAPIVersion // openslo/v1alpha, what Sloth reads
	V1      Version = catalog.OpenSLOAPIVersion        // openslo/v1
	V2alpha Version = catalog.OpenSLOV2alphaAPIVersion // openslo.com/v2alpha, a draft
)

// Versions returns the OpenSLO versions, oldest first.
func Versions() []Version { return []Version{V1alpha, V1, V2alpha} }

// ErrVersion is wrapped by the error of ParseVersion.
var ErrVersion = errors.New("unknown OpenSLO version")

// ParseVersion reads a version written the short way (v1alpha, v1,
// v2alpha), as the opsdesign command's -to flag takes it, or as an
// apiVersion (openslo/v1alpha, openslo/v1, openslo.com/v2alpha).
func ParseVersion(s string) (Version, error) {
	for _, v := range Versions() {
		if s == string(v) || s == v.Short() {
			return v, nil
		}
	}
	short := make([]string, 0, 3)
	for _, v := range Versions() {
		short = append(short, v.Short())
	}
	return "", fmt.Errorf("%w %q (want %s)", ErrVersion, s, strings.Join(short, ", "))
}

// String returns the apiVersion.
func (v Version) String() string { return string(v) }

// Short returns the version without its group: v1alpha, v1 or v2alpha.
func (v Version) Short() string { return string(v)[strings.LastIndexByte(string(v), '/')+1:] }

// The rules of the findings Convert and Export report.
const (
	// RuleConversionLoss: a value the target version cannot hold; the
	// object is written without it.
	RuleConversionLoss = "openslo/conversion-loss"
	// RuleNotConverted: an object that cannot be written in the target
	// version at all; it is left out.
	RuleNotConverted = "openslo/not-converted"
)

// Rules documents the findings of Convert and Export. Package
// catalog/rules lists them in the registry of every rule. The slice is new
// on every call.
func Rules() []diag.RuleInfo {
	return []diag.RuleInfo{
		{ID: RuleConversionLoss, Severity: diag.Warning, Doc: "A value the target OpenSLO version cannot hold, so a conversion (opsdesign slo convert, slo export -to) writes the object without it, or as the nearest thing the version has (a rolling month as 30 days). " +
			"Reported where the value is written, never dropped silently: alert policies and time-slice lengths have no place in v1alpha, v2alpha labels hold one string, a v1 metric source holds no connection details. " +
			"Converted files are written so that both the target's specification and its go-sdk (what oslo validates with) accept them.\n\n" +
			"```yaml\napiVersion: openslo/v1          # converted to v1alpha:\n  alertPolicies:                 # v1alpha has no alerting\n    - alertPolicyRef: burn-fast\n```"},
		{ID: RuleNotConverted, Severity: diag.Error, Doc: "An OpenSLO object that cannot be written in the target version at all, so a conversion leaves it out: a RatioTimeslices SLO or a ratio of bad events for v1alpha, a v1alpha Timeslices SLO (which does not say how long a slice is) for v1 and v2alpha, " +
			"a calendar month for v2alpha (whose durations stop at weeks), a reference to nothing, a name v1alpha does not accept. Reported where the construct is written; the rest of the file is converted.\n\n" +
			"```yaml\nbudgetingMethod: RatioTimeslices   # converted to v1alpha: not converted\n```"},
	}
}
