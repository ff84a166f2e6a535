package record

import (
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

type encoding uint8

const (
	utf16LE encoding = iota + 1
	utf16BE
)

// utf16Reader decodes UTF-16 into UTF-8. What UTF-16 cannot hold is not
// repaired here but passed on as bytes that are not UTF-8, so the reader
// reports it as it reports any other bad byte: an unpaired surrogate
// becomes its three-byte form (which UTF-8 forbids), and a lone last byte
// 0xFF.
type utf16Reader struct {
	r       io.Reader
	enc     encoding
	in      [4096]byte
	i, j    int // the bytes read and not yet decoded: in[i:j]
	err     error
	out     [utf8.UTFMax]byte // a character that did not fit in p
	o, oEnd int
}

func (u *utf16Reader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if u.o < u.oEnd {
			c := copy(p[n:], u.out[u.o:u.oEnd])
			u.o += c
			n += c
			continue
		}
		if u.j-u.i < 4 && u.err == nil {
			if n > 0 {
				break // what is decoded first
			}
			u.more()
			continue
		}
		if u.i == u.j {
			return n, u.err
		}
		n += u.decode(p[n:])
	}
	return n, nil
}

// more reads at least one more byte, or notes the error. Reads that
// return nothing are retried a few times, as bufio does.
func (u *utf16Reader) more() {
	u.j = copy(u.in[:], u.in[u.i:u.j])
	u.i = 0
	for range 100 {
		k, err := u.r.Read(u.in[u.j:])
		u.j += k
		if u.err = err; k > 0 || err != nil {
			return
		}
	}
	u.err = io.ErrNoProgress
}

// decode writes the characters of in[i:j] to p while they fit; a
// character that does not fit goes to out.
func (u *utf16Reader) decode(p []byte) int {
	n := 0
	for u.j-u.i >= 2 && n < len(p) {
		if u.j-u.i < 4 && u.err == nil {
			return n // a surrogate pair may be cut: read more first
		}
		c := rune(u.unit(u.i))
		size := 2
		var enc [utf8.UTFMax]byte
		var k int
		switch {
		case utf16.IsSurrogate(c) && c < 0xdc00 && u.j-u.i >= 4 && isLow(u.unit(u.i+2)):
			k = utf8.EncodeRune(enc[:], utf16.DecodeRune(c, rune(u.unit(u.i+2))))
			size = 4
		case utf16.IsSurrogate(c):
			enc[0], enc[1], enc[2] = 0xed, byte(0x80|(c>>6)&0x3f), byte(0x80|c&0x3f)
			k = 3
		case c < utf8.RuneSelf:
			enc[0], k = byte(c), 1
		default:
			k = utf8.EncodeRune(enc[:], c)
		}
		u.i += size
		if c := copy(p[n:], enc[:k]); c < k {
			u.o, u.oEnd = 0, copy(u.out[:], enc[c:k])
			return n + c
		}
		n += k
	}
	if u.j-u.i == 1 && u.err != nil { // a byte left over at the end
		u.i = u.j
		if n < len(p) {
			p[n] = 0xff
			return n + 1
		}
		u.out[0], u.o, u.oEnd = 0xff, 0, 1
	}
	return n
}

func (u *utf16Reader) unit(i int) uint16 {
	if u.enc == utf16BE {
		return uint16(u.in[i])<<8 | uint16(u.in[i+1])
	}
	return uint16(u.in[i+1])<<8 | uint16(u.in[i])
}

func isLow(c uint16) bool { return c >= 0xdc00 && c < 0xe000 }
