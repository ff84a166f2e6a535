package catalog

import "github.com/opsdesign/opsdesign/catalog/diag"

// The diagnostic types live in the leaf package catalog/diag, so that
// readers of tickets and event logs report without importing the catalog.
// These aliases keep them usable under their catalog names.
type (
	// Pos is a position in a source file; see diag.Pos.
	Pos = diag.Pos
	// Severity grades a diagnostic; see diag.Severity.
	Severity = diag.Severity
	// Related is a second place that explains a diagnostic; see diag.Related.
	Related = diag.Related
	// Diagnostic is one problem found in a design; see diag.Diagnostic.
	Diagnostic = diag.Diagnostic
	// Diagnostics is a sorted list of diagnostics; see diag.List.
	Diagnostics = diag.List
)

// The severities, in increasing order of gravity; see diag.Info.
const (
	Info    = diag.Info
	Warning = diag.Warning
	Error   = diag.Error
)

// ErrBadSeverity is returned (wrapped) by ParseSeverity for an unknown name.
var ErrBadSeverity = diag.ErrBadSeverity

// ParseSeverity parses "info", "warning" (or "warn") and "error"; see
// diag.ParseSeverity.
func ParseSeverity(s string) (Severity, error) { return diag.ParseSeverity(s) }
