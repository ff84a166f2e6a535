package record

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// DefaultMaxBytes is the record limit when Options.MaxBytes is zero.
const DefaultMaxBytes = 1 << 20

// Options shape the reading of one file. The zero value reads
// comma-separated records of one line each, up to DefaultMaxBytes.
type Options struct {
	// MaxBytes bounds a record: the bytes of its lines and of the line
	// ends between them, one byte each (its last line end is not
	// counted). A longer record is skipped without being held in memory,
	// as a TooLong problem. Zero means DefaultMaxBytes.
	MaxBytes int
	// Comma separates the fields of a CSV record; zero means ','.
	Comma rune
	// MultiLine lets a quoted CSV field go on over line ends, as RFC 4180
	// allows and spreadsheets write; a line end inside it reads as "\n".
	// Without it a record is one line, and a quote left open at the end
	// of a line is a Syntax problem of that line alone, so one stray
	// quote cannot swallow the rest of the file.
	MultiLine bool
	// MaxTotalBytes, when positive, bounds the whole input, for a stream
	// that may never end (a FIFO, a pipe, /dev/stdin): once the input
	// goes on past that many bytes, Read returns a *LimitError, then the
	// same error again; the record cut by the limit is not returned. A
	// file is read whole when it is zero.
	MaxTotalBytes int64
}

// DefaultMaxStreamBytes is the bound the module's importers put on an
// input that is not a regular file, when their options give none: 1 GiB,
// far past any export or log read from a pipe today, and reached by an
// endless stream in seconds.
const DefaultMaxStreamBytes = 1 << 30

// LimitError ends the reading of an input that goes on past
// Options.MaxTotalBytes.
type LimitError struct {
	Max  int64 // the limit, in bytes
	Line int   // the line the limit cut, from 1: it and what follows are not read
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("record: the input goes on past the limit of %d bytes; reading stopped at line %d", e.Max, e.Line)
}

// errLimit is what capped returns once the input is past its limit.
var errLimit = errors.New("record: past the byte limit")

// capped reads at most max bytes of r, and errLimit once r holds more.
type capped struct {
	r    io.Reader
	left int64 // bytes that may still be read, plus the one that tells r goes on
}

func capReader(r io.Reader, max int64) io.Reader {
	if max <= 0 {
		return r
	}
	return &capped{r: r, left: max + 1}
}

func (c *capped) Read(p []byte) (int, error) {
	if c.left <= 0 {
		return 0, errLimit
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if c.left <= 0 { // one byte past the limit was read: drop it
		return n - 1, errLimit
	}
	return n, err
}

func (o Options) maxBytes() int {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return DefaultMaxBytes
}

// CSV reads the records of a CSV file one at a time, as RFC 4180 writes
// them: a field may be quoted, and "" in a quoted field stands for a
// quote. Empty lines are skipped. See the package doc for encodings and
// line ends.
type CSV struct {
	lines *lines
	max   int
	comma string
	multi bool
	err   error // ends the reading: io.EOF, a read error, a bad Comma

	rec   Record
	buf   []byte // the text of a record of several lines
	spans []span
}

// span is where a field is in the record's text: it starts at start (its
// opening quote, if quoted), its value is text[from:to], and escaped says
// the value holds "" for each quote.
type span struct {
	start, from, to int
	escaped         bool
}

// NewCSV returns a reader of r.
func NewCSV(r io.Reader, o Options) *CSV { return newCSV(r, o, bufSize) }

func newCSV(r io.Reader, o Options, size int) *CSV {
	c := &CSV{lines: newLines(capReader(r, o.MaxTotalBytes), size), max: o.maxBytes(), multi: o.MultiLine}
	c.lines.total = o.MaxTotalBytes
	comma := o.Comma
	if comma == 0 {
		comma = ','
	}
	if comma == '"' || comma == '\r' || comma == '\n' || !utf8.ValidRune(comma) {
		c.err = fmt.Errorf("record: %q cannot separate CSV fields", comma)
	}
	c.comma = string(comma)
	return c
}

// Record is one CSV record. Read reuses it: it is valid until the next
// Read, but for the strings of Fields, which may be kept.
type Record struct {
	// Line is the line the record starts on, from 1.
	Line int
	// Fields are the values, without their quotes.
	Fields []string

	text   string // the record as read, its line ends as "\n"
	starts []int  // the byte offset in text where each field starts
	breaks []int  // the byte offsets in text where its later lines start
}

// Text returns the record as it was read, quotes included, with "\n" for
// the line ends inside it.
func (r *Record) Text() string { return r.text }

// Offset returns the byte offset in Text where field i starts: its first
// character, or its opening quote.
func (r *Record) Offset(i int) int { return r.starts[i] }

// Pos returns the line and character column of byte offset off of Text:
// Pos(Offset(i)) is where field i is, Pos(len(Text())) the end of the
// record.
func (r *Record) Pos(off int) (line, col int) { return position(r.text, r.breaks, r.Line, off) }

// ValidUTF8 reports whether the record is valid UTF-8. A reader repairs
// the fields it reads from a record that is not (strings.ToValidUTF8 with
// U+FFFD) and says so.
func (r *Record) ValidUTF8() bool { return utf8.ValidString(r.text) }

// Read returns the next record. A record that cannot be read returns a
// *Problem as the error; the next Read goes on after it. Read returns
// io.EOF at the end of the file, a *LimitError past MaxTotalBytes, and
// any other error that stops the reading, such as an error of r, from
// then on.
func (c *CSV) Read() (*Record, error) {
	if c.err != nil {
		return nil, c.err
	}
	for {
		line, cut, quotes, err := c.lines.next(c.max)
		switch {
		case err != nil:
			c.err = err
			return nil, err
		case cut:
			return nil, c.skip(c.lines.n, quotes%2 == 1)
		case len(line) > 0:
			return c.parse(line)
		}
	}
}

// skip reads on to the end of a record over the limit, whose text is
// not held, from line start on. open says a quoted field is open at the
// end of the line just read: it is closed by the first line with an odd
// number of quotes, which is exact for valid CSV and the best guess for
// the rest.
func (c *CSV) skip(start int, open bool) error {
	for c.multi && open {
		_, _, quotes, err := c.lines.next(0)
		if err != nil {
			if !errors.Is(err, io.EOF) {
				c.err = err
			}
			return &Problem{Kind: TooLong, Start: start, End: c.lines.n, Line: start,
				Msg: fmt.Sprintf("longer than %d bytes: a quoted field is not closed before the end of the file", c.max)}
		}
		open = open != (quotes%2 == 1)
	}
	msg := fmt.Sprintf("longer than %d bytes", c.max)
	if c.lines.n > start {
		msg += fmt.Sprintf(" (lines %d to %d)", start, c.lines.n)
	}
	return &Problem{Kind: TooLong, Start: start, End: c.lines.n, Line: start, Msg: msg}
}

// parse reads the record that starts with line.
func (c *CSV) parse(line []byte) (*Record, error) {
	r := &c.rec
	r.Line, r.Fields, r.starts, r.breaks = c.lines.n, r.Fields[:0], r.starts[:0], r.breaks[:0]
	if bytes.IndexByte(line, '"') < 0 {
		// No quote: the fields are the text between the commas, and the
		// record is one string, allocated once.
		r.text = string(line)
		for i := 0; ; {
			j := c.index(r.text[i:])
			end := len(r.text)
			if j >= 0 {
				end = i + j
			}
			r.Fields, r.starts = append(r.Fields, r.text[i:end]), append(r.starts, i)
			if j < 0 {
				return r, nil
			}
			i = end + len(c.comma)
		}
	}
	text := line
	joined := false // text is c.buf, holding several lines
	c.spans = c.spans[:0]
	for i := 0; ; {
		if i < len(text) && text[i] == '"' {
			sp := span{start: i, from: i + 1}
			i++
			for {
				q := bytes.IndexByte(text[i:], '"')
				if q < 0 {
					// The field goes on past the line.
					if !c.multi {
						return nil, c.problem(text, sp.start, "the quoted field is not closed on its line (a record is one line)")
					}
					if !joined { // the line is in the reader's buffer: keep it before reading on
						c.buf, joined = append(c.buf[:0], text...), true
						text = c.buf
					}
					next, cut, quotes, err := c.lines.next(c.max - len(text) - 1)
					switch {
					case errors.Is(err, io.EOF):
						return nil, c.problem(text, sp.start, "the quoted field is not closed before the end of the file")
					case err != nil:
						c.err = err
						return nil, err
					case cut:
						return nil, c.skip(r.Line, quotes%2 == 0)
					}
					c.buf = append(c.buf, '\n')
					r.breaks = append(r.breaks, len(c.buf))
					c.buf = append(c.buf, next...)
					text = c.buf
					i = len(text) - len(next)
					continue
				}
				i += q + 1
				if i < len(text) && text[i] == '"' { // "" is a quote
					sp.escaped = true
					i++
					continue
				}
				break
			}
			sp.to = i - 1
			c.spans = append(c.spans, sp)
			if i == len(text) {
				break
			}
			if !bytes.HasPrefix(text[i:], []byte(c.comma)) {
				return nil, c.problem(text, i, fmt.Sprintf("text after the closing quote of a field: %q", shorten(string(text[i:]))))
			}
			i += len(c.comma)
			continue
		}
		j := bytes.Index(text[i:], []byte(c.comma))
		end := len(text)
		if j >= 0 {
			end = i + j
		}
		if q := bytes.IndexByte(text[i:end], '"'); q >= 0 {
			return nil, c.problem(text, i+q, "a quote inside an unquoted field: quote the whole field and double the quote")
		}
		c.spans = append(c.spans, span{start: i, from: i, to: end})
		if j < 0 {
			break
		}
		i = end + len(c.comma)
	}
	r.text = string(text)
	for _, sp := range c.spans {
		v := r.text[sp.from:sp.to]
		if sp.escaped {
			v = strings.ReplaceAll(v, `""`, `"`)
		}
		r.Fields, r.starts = append(r.Fields, v), append(r.starts, sp.start)
	}
	return r, nil
}

// index returns the index of the first separator in s, or -1.
func (c *CSV) index(s string) int {
	if len(c.comma) == 1 {
		return strings.IndexByte(s, c.comma[0])
	}
	return strings.Index(s, c.comma)
}

// problem is a syntax error at byte off of the record's text so far.
func (c *CSV) problem(text []byte, off int, msg string) *Problem {
	r := &c.rec
	t := string(text)
	line, col := position(t, r.breaks, r.Line, off)
	return &Problem{Kind: Syntax, Start: r.Line, End: c.lines.n, Line: line, Column: col, Msg: msg}
}
