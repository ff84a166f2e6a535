package record

import (
	"bytes"
	"errors"
	"io"
)

// bufSize is the reading buffer: lines shorter than it are returned in
// place, longer ones are put together in a second buffer up to the limit.
const bufSize = 64 << 10

// lines reads a text stream one line at a time. It decodes UTF-16 (see
// open), drops a byte-order mark, ends a line at "\n", "\r\n" or a lone
// "\r", counts the lines, and never holds more of a line than the limit
// the caller gives for it.
type lines struct {
	r          io.Reader
	buf        []byte
	start, end int   // the bytes not yet returned: buf[start:end]
	err        error // the error that ended r, returned once buf is drained
	opened     bool  // the start of the stream was looked at (open)
	long       []byte
	n          int   // the number of the line last returned, 1-based
	total      int64 // the input's byte limit, for its LimitError; 0: none
	// nl and cr cache the index in buf of the next "\n" and "\r" at or
	// after start, or end when there is none before it; -1 when unknown.
	// Without them a file with lone CR ends would scan the whole buffer
	// for a "\n" on every line.
	nl, cr int
}

// newLines returns a reader of r with a buffer of size bytes (bufSize
// but in tests).
func newLines(r io.Reader, size int) *lines {
	return &lines{r: r, buf: make([]byte, size), nl: -1, cr: -1}
}

// next returns the next line, without its line end, valid until the next
// call. A line longer than max bytes is not held: next reads on to its
// end and reports it cut, with the number of quote characters ('"') in
// the whole line, which is all a CSV reader needs to find where a skipped
// record ends. err is io.EOF after the last line, or the error that
// stopped the reading.
func (l *lines) next(max int) (line []byte, cut bool, quotes int, err error) {
	if !l.opened {
		l.open()
	}
	l.long = l.long[:0]
	for {
		nl, cr := l.find(&l.nl, '\n'), l.find(&l.cr, '\r')
		e := min(nl, cr) // the first line end byte, or end
		if cr == e && e == l.end-1 && l.err == nil {
			// A "\r" last: a "\n" may follow in the next read. A full
			// buffer keeps the line before it aside to make room.
			if l.start == 0 && l.end == len(l.buf) {
				l.hold(l.buf[:e], max, &cut, &quotes)
				l.start = e
			}
			l.fill()
			continue
		}
		if e < l.end {
			piece := l.buf[l.start:e]
			skip := 1
			if l.buf[e] == '\r' && e+1 < l.end && l.buf[e+1] == '\n' {
				skip = 2
			}
			l.start = e + skip
			l.n++
			return l.finish(piece, max, &cut, &quotes)
		}
		if l.err != nil {
			if errors.Is(l.err, errLimit) {
				// The line the limit cut is not a line: drop it.
				l.start, l.long = l.end, l.long[:0]
				return nil, false, 0, &LimitError{Max: l.total, Line: l.n + 1}
			}
			if l.start == l.end && len(l.long) == 0 && !cut {
				return nil, false, 0, l.err
			}
			piece := l.buf[l.start:l.end]
			l.start = l.end
			l.n++
			return l.finish(piece, max, &cut, &quotes)
		}
		if l.start == 0 && l.end == len(l.buf) {
			// A line longer than the buffer: keep it aside, or only count
			// its quotes once it is over the limit.
			l.hold(l.buf[:l.end], max, &cut, &quotes)
			l.start = l.end
		}
		l.fill()
	}
}

// finish puts the line's last piece with what was held of it.
func (l *lines) finish(piece []byte, max int, cut *bool, quotes *int) ([]byte, bool, int, error) {
	if len(l.long) == 0 && !*cut {
		if len(piece) <= max {
			return piece, false, 0, nil
		}
		return nil, true, bytes.Count(piece, quote), nil
	}
	l.hold(piece, max, cut, quotes)
	if *cut {
		return nil, true, *quotes, nil
	}
	return l.long, false, 0, nil
}

var quote = []byte{'"'}

// hold keeps part of a long line, or counts its quotes once the line is
// over max.
func (l *lines) hold(piece []byte, max int, cut *bool, quotes *int) {
	if !*cut && len(l.long)+len(piece) > max {
		*cut = true
		*quotes = bytes.Count(l.long, quote)
		l.long = l.long[:0]
	}
	if *cut {
		*quotes += bytes.Count(piece, quote)
		return
	}
	l.long = append(l.long, piece...)
}

// find returns the index of the next c at or after start, or end.
func (l *lines) find(cache *int, c byte) int {
	if *cache < l.start {
		if i := bytes.IndexByte(l.buf[l.start:l.end], c); i >= 0 {
			*cache = l.start + i
		} else {
			*cache = l.end
		}
	}
	return *cache
}

// fill moves the unread bytes to the front of the buffer and reads more.
// Reads that return nothing are retried a few times, as bufio does.
func (l *lines) fill() {
	if l.start > 0 {
		l.end = copy(l.buf, l.buf[l.start:l.end])
		l.start = 0
	}
	l.nl, l.cr = -1, -1
	for range 100 {
		n, err := l.r.Read(l.buf[l.end:])
		l.end += n
		if err != nil {
			l.err = err
			return
		}
		if n > 0 {
			return
		}
	}
	l.err = io.ErrNoProgress
}

// open looks at the first bytes: it drops a UTF-8 byte-order mark and
// decodes UTF-16, which Excel writes for "Unicode text". UTF-16 is told
// by its byte-order mark, or, without one, by a NUL byte among the first
// two: no UTF-8 text starts with one, and a UTF-16 file whose first
// character is ASCII has one.
func (l *lines) open() {
	l.opened = true
	for l.end < 4 && l.err == nil {
		l.fill()
	}
	head := l.buf[:l.end]
	var enc encoding
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		l.start = 3
		return
	case bytes.HasPrefix(head, []byte("\xff\xfe")):
		enc, head = utf16LE, head[2:]
	case bytes.HasPrefix(head, []byte("\xfe\xff")):
		enc, head = utf16BE, head[2:]
	case len(head) >= 2 && head[0] != 0 && head[1] == 0:
		enc = utf16LE
	case len(head) >= 2 && head[0] == 0 && head[1] != 0:
		enc = utf16BE
	default:
		return
	}
	// Decode the rest of the stream, starting with the bytes read.
	rest := io.MultiReader(bytes.NewReader(bytes.Clone(head)), l.r)
	if l.err != nil && l.err != io.EOF {
		rest = io.MultiReader(bytes.NewReader(bytes.Clone(head)), errReader{l.err})
	}
	l.r = &utf16Reader{r: rest, enc: enc}
	l.start, l.end, l.err = 0, 0, nil
	l.fill()
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
