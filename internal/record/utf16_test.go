package record

import (
	"encoding/binary"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
)

// encodeUTF16 writes s in UTF-16, little- or big-endian, with or without
// a byte-order mark; extra units are appended as they are (to write a
// lone surrogate).
func encodeUTF16(s string, big, bom bool, extra ...uint16) []byte {
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xfeff}, units...)
	}
	units = append(units, extra...)
	out := make([]byte, 2*len(units))
	for i, u := range units {
		if big {
			binary.BigEndian.PutUint16(out[2*i:], u)
		} else {
			binary.LittleEndian.PutUint16(out[2*i:], u)
		}
	}
	return out
}

// A UTF-16 export reads as the same text in UTF-8, with the same lines
// and characters, whatever the byte order, with or without its
// byte-order mark, and however the reads cut it.
func TestUTF16(t *testing.T) {
	const text = "名前,時刻\r\n\"山田 😀\",\"九時\nから\"\r\nx,y"
	want := readCSV(t, strings.NewReader(text), Options{MultiLine: true}, bufSize)
	assert.Equal(t, []string{"1: 名前|時刻 1:1 1:4", "2: 山田 😀|九時\nから 2:1 2:8", "4: x|y 4:1 4:3"}, want)
	for _, big := range []bool{false, true} {
		for _, bom := range []bool{false, true} {
			data := encodeUTF16(text, big, bom)
			if !bom {
				// Without a mark, a NUL among the first two bytes tells:
				// the first character must be ASCII.
				data = encodeUTF16("h\n"+text, big, bom)
			}
			for _, small := range []bool{false, true} {
				got := readCSV(t, strings.NewReader(string(data)), Options{MultiLine: true}, bufSize)
				if small {
					got = readCSV(t, iotest.OneByteReader(strings.NewReader(string(data))), Options{MultiLine: true}, 8)
				}
				if !bom {
					assert.Equal(t, "1: h 1:1", got[0])
					got = got[1:]
					for i := range got {
						got[i] = shiftLines(got[i])
					}
				}
				assert.Equal(t, want, got, "big-endian %v, mark %v, small reads %v", big, bom, small)
			}
		}
	}
}

// shiftLines takes one from the line numbers of a readCSV result of a
// file with one more line at its head.
func shiftLines(s string) string {
	r := strings.NewReplacer("2:", "1:", "3:", "2:", "4:", "3:", "5:", "4:")
	return r.Replace(s)
}

// What UTF-16 cannot hold is passed on as bytes that are not UTF-8, so
// it is reported as any other bad byte, not repaired without a word.
func TestUTF16Invalid(t *testing.T) {
	for name, data := range map[string][]byte{
		"lone high surrogate": encodeUTF16("a,b\nc,", false, true, 0xd83d, 'd'),
		"lone low surrogate":  encodeUTF16("a,b\nc,", true, true, 0xde00),
		"odd last byte":       append(encodeUTF16("a,b\nc,d", false, true), 'x'),
	} {
		c := NewCSV(strings.NewReader(string(data)), Options{})
		rec, err := c.Read()
		assert.NoError(t, err)
		assert.True(t, rec.ValidUTF8(), name)
		rec, err = c.Read()
		assert.NoError(t, err)
		assert.Equal(t, 2, rec.Line)
		assert.False(t, rec.ValidUTF8(), "%s: %q", name, rec.Text())
	}
}
