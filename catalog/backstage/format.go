package backstage

import (
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/opsdesign/opsdesign/internal/jsonptr"
)

// The parts of an entity that CheckMetadata checks, one per Problem.Part.
const (
	PartName        = "name"       // metadata.name
	PartNamespace   = "namespace"  // metadata.namespace
	PartLabel       = "label"      // a key or value of metadata.labels
	PartAnnotation  = "annotation" // a key of metadata.annotations, or the value of a well-known one
	PartTag         = "tag"        // an entry of metadata.tags
	PartLink        = "link"       // an entry of metadata.links
	PartDeprecation = "deprecated" // a deprecated annotation
)

// A Problem is a value of an entity's metadata that breaks one of
// Backstage's rules for it.
type Problem struct {
	Part    string // one of the Part constants
	Path    string // the JSON pointer of the value, or of the member whose key is at fault
	Key     bool   // the key of the member at Path is at fault, not its value
	Message string
}

// CheckMetadata checks the metadata of an entity (its value as decoded
// from YAML or JSON) by the rules Backstage's catalog enforces before it
// accepts an entity, as its descriptor format documents them: the formats
// of the name, namespace, label keys and values, annotation keys, tags and
// links, and the values of the well-known annotations whose format is
// documented. It reports every problem, in the order the metadata lists
// them (keys of a mapping sorted), where Backstage stops at the first.
// Types and empty values are CheckShape's.
func CheckMetadata(entity map[string]any) []Problem {
	meta, _ := entity["metadata"].(map[string]any)
	var out []Problem
	add := func(part, path string, key bool, format string, args ...any) {
		out = append(out, Problem{Part: part, Path: path, Key: key, Message: fmt.Sprintf(format, args...)})
	}
	// Empty values are CheckShape's (a non-empty string is its type), so
	// that nothing is reported twice.
	if name, ok := meta["name"].(string); ok && name != "" {
		if why := nameProblem(name); why != "" {
			add(PartName, "/metadata/name", false, "%q is not a valid entity name: %s", name, why)
		}
	}
	if ns, ok := meta["namespace"].(string); ok && ns != "" {
		if why := namespaceProblem(ns); why != "" {
			add(PartNamespace, "/metadata/namespace", false, "%q is not a valid namespace: %s", ns, why)
		}
	}
	labels, _ := meta["labels"].(map[string]any)
	for _, k := range sortedKeys(labels) {
		p := "/metadata/labels/" + jsonptr.Escape(k)
		if why := keyProblem(k); why != "" {
			add(PartLabel, p, true, "label key %q is not valid: %s", k, why)
		}
		if v, ok := labels[k].(string); ok && v != "" {
			if why := nameProblem(v); why != "" {
				add(PartLabel, p, false, "the value %q of label %q is not valid: %s (or write it empty)", v, k, why)
			}
		}
	}
	annotations, _ := meta["annotations"].(map[string]any)
	for _, k := range sortedKeys(annotations) {
		p := "/metadata/annotations/" + jsonptr.Escape(k)
		if why := keyProblem(k); why != "" {
			add(PartAnnotation, p, true, "annotation key %q is not valid: %s", k, why)
			continue
		}
		if instead, ok := deprecatedAnnotations[k]; ok {
			add(PartDeprecation, p, true, "annotation %q is deprecated: %s", k, instead)
		}
		if v, ok := annotations[k].(string); ok {
			if why := annotationValueProblem(k, v); why != "" {
				add(PartAnnotation, p, false, "the value %q of annotation %s is not valid: %s", v, k, why)
			}
		}
	}
	tags, _ := meta["tags"].([]any)
	for i, t := range tags {
		if s, ok := t.(string); ok && s != "" {
			if why := tagProblem(s); why != "" {
				add(PartTag, "/metadata/tags/"+strconv.Itoa(i), false, "tag %q is not valid: %s", s, why)
			}
		}
	}
	links, _ := meta["links"].([]any)
	for i, l := range links {
		link, _ := l.(map[string]any)
		p := "/metadata/links/" + strconv.Itoa(i)
		if u, ok := link["url"].(string); ok && u != "" {
			if why := urlProblem(u); why != "" {
				add(PartLink, p+"/url", false, "link url %q is not valid: %s", u, why)
			}
		}
		// A title, icon and type are any non-empty strings: icons are keys
		// of the app's icon set, such as "kind:api", with no format of
		// their own.
	}
	return out
}

const nameRule = "letters, digits and '-', '_' or '.' between them, at most 63 characters"

// nameProblem says what makes s an invalid object name (Backstage's
// isValidObjectName), "" when it is valid.
func nameProblem(s string) string {
	switch {
	case s == "":
		return "it is empty; want " + nameRule
	case utf8.RuneCountInString(s) > 63:
		return fmt.Sprintf("it is %d characters long; want %s", utf8.RuneCountInString(s), nameRule)
	}
	for i, r := range s {
		switch {
		case isAlnum(r):
		case r == '-' || r == '_' || r == '.':
			if i == 0 || i == len(s)-1 {
				return fmt.Sprintf("it %s with %q; want %s", startsOrEnds(i), r, nameRule)
			}
		default:
			return fmt.Sprintf("%s is not allowed; want %s", describe(r), nameRule)
		}
	}
	return ""
}

const dnsRule = "lower-case letters and digits with single '-' between them, at most 63 characters"

// namespaceProblem says what makes s an invalid namespace (a DNS label).
func namespaceProblem(s string) string {
	if why := dnsLabelProblem(s); why != "" {
		return why + "; want " + dnsRule
	}
	return ""
}

func dnsLabelProblem(s string) string {
	switch {
	case s == "":
		return "it is empty"
	case len(s) > 63:
		return fmt.Sprintf("it is %d characters long", utf8.RuneCountInString(s))
	case strings.Contains(s, "--"):
		return "it has two '-' in a row"
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
		case r == '-':
			if i == 0 || i == len(s)-1 {
				return fmt.Sprintf("it %s with '-'", startsOrEnds(i))
			}
		case r >= 'A' && r <= 'Z':
			return fmt.Sprintf("%q is upper-case", r)
		default:
			return describe(r) + " is not allowed"
		}
	}
	return ""
}

// keyProblem says what makes s an invalid label or annotation key: an
// optional DNS subdomain prefix and '/', then an object name.
func keyProblem(s string) string {
	prefix, name, found := strings.Cut(s, "/")
	if !found {
		name, prefix = prefix, ""
	} else {
		if strings.Contains(name, "/") {
			return "it has more than one '/'; want an optional prefix (a lower-case domain name) and '/', then " + nameRule
		}
		if why := subdomainProblem(prefix); why != "" {
			return fmt.Sprintf("its prefix %q %s; want a lower-case domain name before the '/'", prefix, why)
		}
	}
	if why := nameProblem(name); why != "" {
		if found {
			return fmt.Sprintf("its name %q: %s", name, why)
		}
		return why
	}
	return ""
}

func subdomainProblem(s string) string {
	if len(s) > 253 {
		return fmt.Sprintf("is %d characters long (at most 253)", len(s))
	}
	for _, label := range strings.Split(s, ".") {
		if why := dnsLabelProblem(label); why != "" {
			return "has a part that is not valid (" + why + ")"
		}
	}
	return ""
}

const tagRule = "lower-case letters, digits, ':', '+' and '#', with single '-' between them, at most 63 characters"

// tagProblem says what makes s an invalid tag.
func tagProblem(s string) string {
	switch {
	case s == "":
		return "it is empty; want " + tagRule
	case utf8.RuneCountInString(s) > 63:
		return fmt.Sprintf("it is %d characters long; want %s", utf8.RuneCountInString(s), tagRule)
	case strings.Contains(s, "--"):
		return "it has two '-' in a row; want " + tagRule
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == ':' || r == '+' || r == '#':
		case r == '-':
			if i == 0 || i == len(s)-1 {
				return fmt.Sprintf("it %s with '-'; want %s", startsOrEnds(i), tagRule)
			}
		case r >= 'A' && r <= 'Z':
			return fmt.Sprintf("%q is upper-case; want %s", r, tagRule)
		default:
			return fmt.Sprintf("%s is not allowed; want %s", describe(r), tagRule)
		}
	}
	return ""
}

// urlProblem says what keeps s from being an absolute URL.
func urlProblem(s string) string {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return strings.TrimPrefix(err.Error(), "parse "+strconv.Quote(s)+": ")
	case u.Scheme == "":
		return "it has no scheme; want an absolute URL such as https://example.com/page"
	}
	return ""
}

// deprecatedAnnotations are the annotations the well-known annotations
// list as deprecated, with what to write instead.
var deprecatedAnnotations = map[string]string{
	"backstage.io/github-actions-id":      "write github.com/project-slug, with the same value",
	"backstage.io/definition-at-location": "write the definition with a substitution, as $text: <url>",
	"jenkins.io/github-folder":            "write jenkins.io/job-full-name",
}

// annotationValueProblem checks the value of a well-known annotation whose
// format Backstage documents.
func annotationValueProblem(key, v string) string {
	switch key {
	case "backstage.io/managed-by-location", "backstage.io/managed-by-origin-location",
		"backstage.io/techdocs-ref", "backstage.io/source-location":
		if typ, _, ok := strings.Cut(v, ":"); !ok || typ == "" {
			return "want a location reference, <type>:<target>, such as dir:. or url:https://github.com/org/repo/"
		}
	case "backstage.io/view-url", "backstage.io/edit-url":
		return urlProblem(v)
	case "backstage.io/orphan":
		if v != "true" {
			return `the catalog writes "true" or nothing`
		}
	case "github.com/project-slug", "github.com/team-slug":
		org, rest, ok := strings.Cut(v, "/")
		if !ok || org == "" || rest == "" || strings.Contains(rest, "/") {
			return "want <organization>/<name>, as in the address of the page on GitHub"
		}
	case "backstage.io/code-coverage":
		if v != "scm-only" && v != "enabled" {
			return "want scm-only or enabled"
		}
	}
	return ""
}

func isAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

func startsOrEnds(i int) string {
	if i == 0 {
		return "starts"
	}
	return "ends"
}

// describe names a character for a message: "a space", "'/'", "'ä'".
func describe(r rune) string {
	switch {
	case r == ' ':
		return "a space"
	case r < ' ' || r == 0x7f:
		return fmt.Sprintf("the control character U+%04X", r)
	}
	return strconv.QuoteRune(r)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
