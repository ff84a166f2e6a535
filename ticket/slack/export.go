package slack

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path"
	"strings"

	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/ticket"
)

// ErrNotExport is returned (wrapped) by ReadFile for a path that is
// neither a directory nor a ZIP file.
var ErrNotExport = errors.New("slack: not a Slack export (want its directory or its ZIP file)")

// IsExport reports whether name looks like a Slack export: a ZIP file, or
// a directory holding channels.json or users.json. The command line uses
// it to tell a Slack export from a tracker's.
func IsExport(name string) bool {
	fi, err := os.Stat(name)
	if err != nil {
		return false
	}
	if fi.IsDir() {
		for _, f := range []string{"channels.json", "users.json"} {
			if _, err := os.Stat(path.Join(name, f)); err == nil {
				return true
			}
		}
		return false
	}
	return fi.Mode().IsRegular() && strings.EqualFold(path.Ext(name), ".zip")
}

// ReadFile reads the inquiries of the export at name, a directory or a
// ZIP file, as tickets (see ReadFS). The export is opened when the
// sequence is iterated and closed when it ends; one that cannot be opened
// yields its error.
func ReadFile(name string, c Config) (iter.Seq2[ticket.Ticket, error], *ticket.ChatTally) {
	tally := &ticket.ChatTally{}
	seq := func(yield func(ticket.Ticket, error) bool) {
		fi, err := os.Stat(name)
		if err != nil {
			yield(ticket.Ticket{}, fmt.Errorf("slack: %w", err))
			return
		}
		var fsys fs.FS
		switch {
		case fi.IsDir():
			fsys = os.DirFS(name)
		case fi.Mode().IsRegular():
			f, err := os.Open(name)
			if err != nil {
				yield(ticket.Ticket{}, fmt.Errorf("slack: %w", err))
				return
			}
			defer f.Close()
			zr, err := zip.NewReader(f, fi.Size())
			if err != nil {
				yield(ticket.Ticket{}, fmt.Errorf("%w: %s: %w", ErrNotExport, name, err))
				return
			}
			fsys = zipRoot(zr)
		default:
			yield(ticket.Ticket{}, fmt.Errorf("%w: %s", ErrNotExport, name))
			return
		}
		readFS(fsys, name, c, tally, yield)
	}
	return seq, tally
}

// zipRoot returns the export's root in a ZIP file: the archive's root, or
// its only folder when the export was zipped with the folder around it.
func zipRoot(zr *zip.Reader) fs.FS {
	if _, err := fs.Stat(zr, "channels.json"); err == nil {
		return zr
	}
	entries, err := fs.ReadDir(zr, ".")
	if err != nil || len(entries) != 1 || !entries[0].IsDir() {
		return zr
	}
	if sub, err := fs.Sub(zr, entries[0].Name()); err == nil {
		return sub
	}
	return zr
}

// ReadFS reads the inquiries of the export whose root is fsys as tickets,
// one day file at a time: each desk's channels together, day by day. name
// names the export in positions (the file of a finding is name/<path
// inside the export>). The tally counts every message read by what became
// of it (ticket.ChatTally); read it once the sequence is done.
//
// The findings of the export and of its messages are yielded in the
// stream: a message that cannot be read as a *ticket.SkippedRow, the rest
// as diag.Diagnostic values; the sequence ends with a plain error only
// when it is stopped by its consumer.
func ReadFS(fsys fs.FS, name string, c Config) (iter.Seq2[ticket.Ticket, error], *ticket.ChatTally) {
	tally := &ticket.ChatTally{}
	return func(yield func(ticket.Ticket, error) bool) { readFS(fsys, name, c, tally, yield) }, tally
}

// readFile reads one JSON file of the export within the limit. A file that
// is absent, not a regular file, too large or unreadable is reported and
// gives nil.
func (r *reader) readFile(p string) []byte {
	at := diag.Pos{File: r.file(p)}
	f, err := r.fsys.Open(p)
	if err != nil {
		what := "cannot be opened"
		if errors.Is(err, fs.ErrNotExist) {
			what = "is missing"
		}
		r.report(finding(RuleUnreadableFile, at, "", "%s %s: %v", p, what, unwrapPath(err)))
		return nil
	}
	defer f.Close()
	fi, err := f.Stat()
	if err == nil && !fi.Mode().IsRegular() {
		r.report(finding(RuleUnreadableFile, at, "", "%s is not a regular file (%s): it is not read", p, fi.Mode().Type()))
		return nil
	}
	limit := r.maxFile()
	var size int64
	if fi != nil {
		size = fi.Size()
	}
	buf := bytes.NewBuffer(make([]byte, 0, min(max(size, 0), limit)+bytes.MinRead))
	_, err = buf.ReadFrom(io.LimitReader(f, limit+1))
	data := buf.Bytes()
	if err != nil {
		r.report(finding(RuleUnreadableFile, at, "", "%s cannot be read: %v", p, unwrapPath(err)))
		return nil
	}
	if int64(len(data)) > limit {
		r.report(finding(RuleTooLarge, at, "", "%s is larger than the limit of %d bytes (maxFileBytes): it is skipped", p, limit))
		return nil
	}
	return data
}

// unwrapPath drops the path an fs error repeats.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (r *reader) file(p string) string {
	if r.name == "" {
		return p
	}
	return r.name + "/" + p
}

func (r *reader) maxFile() int64 {
	if r.c.MaxFileBytes > 0 {
		return r.c.MaxFileBytes
	}
	return DefaultMaxFileBytes
}

func (r *reader) maxMessage() int {
	if r.c.MaxMessageBytes > 0 {
		return r.c.MaxMessageBytes
	}
	return DefaultMaxMessageBytes
}
