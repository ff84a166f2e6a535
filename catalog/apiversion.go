package catalog

import (
	"fmt"
	"maps"
	"strings"

	"github.com/opsdesign/opsdesign/internal/openslospec"
	"github.com/opsdesign/opsdesign/internal/suggest"
)

// ruleUnknownAPIVersion reports an apiVersion no reader knows on a
// document whose kind opsdesign or OpenSLO defines.
const ruleUnknownAPIVersion = "schema/unknown-api-version"

// APIVersions returns every apiVersion the catalog reads: opsdesign's own,
// then OpenSLO's, oldest first. A document of any other apiVersion is
// foreign: kept, but not checked.
func APIVersions() []string { return append([]string{APIVersion}, OpenSLOAPIVersions()...) }

// versionsOfKind returns the apiVersions that define a kind, the current
// ones first (opsdesign/v1, openslo/v1), so that a tie goes to them.
func versionsOfKind(kind string, native *schemaDir) []string {
	var out []string
	if native.Has(kind) {
		out = append(out, APIVersion)
	}
	for _, v := range []string{OpenSLOAPIVersion, OpenSLOV1alphaAPIVersion, OpenSLOV2alphaAPIVersion} {
		if openslospec.HasKind(v, kind) {
			out = append(out, v)
		}
	}
	return out
}

// checkMisversioned checks a document whose apiVersion is missing or
// unknown but whose kind some known version defines, so that a typo does
// not switch checking off: it is checked as the version it reads best as
// (the fewest errors, then the fewest findings) among those it may mean,
// or among all that define its kind when it is near none. The document is
// not read into the model: it says it is something else. It reports
// whether the kind is known.
func checkMisversioned(doc *Document, native *schemaDir, report func(rule, ptr string, keyPos bool, msg string)) bool {
	candidates := versionsOfKind(doc.Kind, native)
	if len(candidates) == 0 {
		return false
	}
	near := suggest.Versions(doc.APIVersion, candidates)
	pool := near
	if len(pool) == 0 || doc.APIVersion == "" {
		pool = candidates
	}
	type finding struct {
		rule, ptr string
		keyPos    bool
		msg       string
	}
	var best []finding
	bestVersion, bestErrors := "", 0
	for _, v := range pool {
		var got []finding
		errs := 0
		checkAs(doc, v, native, func(rule, ptr string, keyPos bool, msg string) {
			got = append(got, finding{rule, ptr, keyPos, msg})
			if defaultSeverity(rule) == Error {
				errs++
			}
		})
		if bestVersion == "" || errs < bestErrors || (errs == bestErrors && len(got) < len(best)) {
			best, bestVersion, bestErrors = got, v, errs
		}
	}
	also := ""
	if len(pool) > 1 {
		also = ", which it reads best as"
	}
	rest := fmt.Sprintf(" It is checked as %s%s, but not read into the design until its apiVersion is one opsdesign reads (%s).",
		bestVersion, also, strings.Join(APIVersions(), ", "))
	if doc.APIVersion == "" {
		report(ruleRequired, "/apiVersion", false, `missing required key "apiVersion".`+rest)
	} else {
		hint := suggest.DidYouMeanAny(near)
		if hint == "" {
			hint = "."
		}
		report(ruleUnknownAPIVersion, "/apiVersion", false, fmt.Sprintf("unknown apiVersion %q for kind %s%s%s", doc.APIVersion, doc.Kind, hint, rest))
	}
	for _, f := range best {
		report(f.rule, f.ptr, f.keyPos, f.msg)
	}
	return true
}

// checkAs validates a document as if its apiVersion were version: a copy
// of its value with that apiVersion, reported at the document's own
// positions (report resolves pointers in the original).
func checkAs(doc *Document, version string, native *schemaDir, report func(rule, ptr string, keyPos bool, msg string)) {
	value := maps.Clone(asObj(doc.Value))
	value["apiVersion"] = version
	as := &Document{File: doc.File, Index: doc.Index, Start: doc.Start, APIVersion: version, Kind: doc.Kind, Name: doc.Name, Value: value, root: doc.root}
	if version == APIVersion {
		s, err := native.Schema(doc.Kind)
		if err != nil {
			report(ruleValue, "", false, err.Error())
			return
		}
		validate(s, as, report)
		return
	}
	checkOpenSLO(as, report)
}
