package ticket

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"github.com/opsdesign/opsdesign/internal/atomicfile"
	"github.com/opsdesign/opsdesign/internal/record"
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

// ReadAudit reads an audit trail written by WriteAudit or AppendAudit. A
// trail that does not exist is empty. A line that is not an AuditEntry is
// an error naming its line: the trail is what keeps a second forced-close
// run from closing the same tickets again, so it is never half read.
func ReadAudit(name string) ([]AuditEntry, error) {
	f, err := os.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("ticket: audit trail: %w", err)
	}
	defer f.Close()
	return readAudit(f, name)
}

func readAudit(r io.Reader, name string) ([]AuditEntry, error) {
	var out []AuditEntry
	lines := record.NewJSONL(r, record.Options{})
	for {
		line, err := lines.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("ticket: audit trail %s: %w", name, err)
		}
		var e AuditEntry
		dec := json.NewDecoder(bytes.NewReader([]byte(line.Text)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&e); err != nil || e.Ticket == "" || e.At.IsZero() {
			if err == nil {
				err = errors.New("no ticket or no instant")
			}
			return nil, fmt.Errorf("ticket: audit trail %s:%d: not a forced close: %w", name, line.Number, err)
		}
		out = append(out, e)
	}
}

// AppendAudit appends forced closes to the audit trail in the named file,
// creating it when it does not exist, and returns how many it appended.
// A close the trail already holds (the same ticket at the same instant)
// is not appended again, so running the same forced close twice leaves
// the trail as the first run did. The write is atomic (internal/atomicfile):
// when it fails, the trail is left whole as it was. inputs are the files
// and directories the run read, which the trail must not be.
func AppendAudit(name string, entries []AuditEntry, inputs ...string) (int, error) {
	old, err := ReadAudit(name)
	if err != nil {
		return 0, err
	}
	type key struct {
		ticket string
		at     time.Time
	}
	have := make(map[key]bool, len(old))
	for _, e := range old {
		have[key{e.Ticket, e.At.UTC()}] = true
	}
	var add []AuditEntry
	for _, e := range entries {
		k := key{e.Ticket, e.At.UTC()}
		if !have[k] {
			have[k] = true
			add = append(add, e)
		}
	}
	if len(add) == 0 {
		return 0, nil
	}
	var buf bytes.Buffer
	if err := WriteAudit(&buf, add); err != nil {
		return 0, err
	}
	if err := atomicfile.Append(name, buf.Bytes(), atomicfile.Options{Inputs: inputs}); err != nil {
		return 0, fmt.Errorf("ticket: audit trail: %w", err)
	}
	return len(add), nil
}
