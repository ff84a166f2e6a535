package ticket

import (
	"encoding/json"
	"io"
	"os"
)

// WriteAudit writes forced closes as an audit trail: JSON Lines, one
// AuditEntry a line.
func WriteAudit(w io.Writer, entries []AuditEntry) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, e := range entries {
		if err := enc.Encode(e); err != nil {
			return err
		}
	}
	return nil
}

// AppendAudit appends forced closes to the audit trail in the named file,
// creating it when it does not exist; earlier entries are kept.
func AppendAudit(name string, entries []AuditEntry) error {
	f, err := os.OpenFile(name, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if err := WriteAudit(f, entries); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
