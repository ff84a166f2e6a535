package slo

import (
	"math"
	"strconv"
	"time"
)

// The JSON forms of the reports: their struct tags, with every float
// written as FormatNumber writes it when it is not finite (see the
// package doc, "Values that are not numbers"). Each type reads back what
// it writes.

// MarshalJSON implements json.Marshaler.
func (e Evaluation) MarshalJSON() ([]byte, error) { return marshalExplicit(e) }

// UnmarshalJSON implements json.Unmarshaler.
func (e *Evaluation) UnmarshalJSON(b []byte) error { return unmarshalExplicit(b, e) }

// MarshalJSON implements json.Marshaler.
func (b Budget) MarshalJSON() ([]byte, error) { return marshalExplicit(b) }

// UnmarshalJSON implements json.Unmarshaler.
func (b *Budget) UnmarshalJSON(data []byte) error { return unmarshalExplicit(data, b) }

// MarshalJSON implements json.Marshaler.
func (t TierEvaluation) MarshalJSON() ([]byte, error) { return marshalExplicit(t) }

// UnmarshalJSON implements json.Unmarshaler.
func (t *TierEvaluation) UnmarshalJSON(b []byte) error { return unmarshalExplicit(b, t) }

// MarshalJSON implements json.Marshaler.
func (s Series) MarshalJSON() ([]byte, error) { return marshalExplicit(s) }

// UnmarshalJSON implements json.Unmarshaler.
func (s *Series) UnmarshalJSON(b []byte) error { return unmarshalExplicit(b, s) }

// MarshalJSON implements json.Marshaler.
func (b Bucket) MarshalJSON() ([]byte, error) { return marshalExplicit(b) }

// UnmarshalJSON implements json.Unmarshaler.
func (b *Bucket) UnmarshalJSON(data []byte) error { return unmarshalExplicit(data, b) }

// MarshalJSON implements json.Marshaler. Series hold many points: they
// are written by hand, in the form marshalExplicit would give them.
func (p BudgetPoint) MarshalJSON() ([]byte, error) {
	b := append([]byte(`{"at":`), jsonTime(p.At)...)
	b = append(b, `,"remaining":`...)
	return append(appendNumber(b, p.Remaining), '}'), nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (p *BudgetPoint) UnmarshalJSON(b []byte) error { return unmarshalExplicit(b, p) }

// MarshalJSON implements json.Marshaler.
func (t TierBurn) MarshalJSON() ([]byte, error) { return marshalExplicit(t) }

// UnmarshalJSON implements json.Unmarshaler.
func (t *TierBurn) UnmarshalJSON(b []byte) error { return unmarshalExplicit(b, t) }

// MarshalJSON implements json.Marshaler, by hand as BudgetPoint's.
func (p BurnPoint) MarshalJSON() ([]byte, error) {
	b := append([]byte(`{"at":`), jsonTime(p.At)...)
	b = append(b, `,"long":`...)
	b = appendNumber(b, p.Long)
	b = append(b, `,"short":`...)
	b = appendNumber(b, p.Short)
	b = append(b, `,"firing":`...)
	b = strconv.AppendBool(b, p.Firing)
	return append(b, '}'), nil
}

// jsonTime writes a time as encoding/json does, RFC 3339 with nanoseconds.
func jsonTime(t time.Time) []byte {
	b, err := t.MarshalJSON()
	if err != nil {
		return []byte("null") // a year outside 0-9999; never from a series
	}
	return b
}

// appendNumber appends f as jsonNumber writes it: a finite number as
// encoding/json writes a float64, anything else as a string.
func appendNumber(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(append(append(b, '"'), FormatNumber(f)...), '"')
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if n := len(b); format == 'e' && n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1] // e-07 as e-7, as encoding/json writes it
		b = b[:n-1]
	}
	return b
}

// UnmarshalJSON implements json.Unmarshaler.
func (p *BurnPoint) UnmarshalJSON(b []byte) error { return unmarshalExplicit(b, p) }
