package slo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/opsdesign/opsdesign/catalog/diag"
)

// The words a report writes for a value that is not a finite number, in
// every format (text, JSON, CSV): a burn rate or a consumed fraction with
// a zero budget is infinite, the SLI of a day without events is undefined.
const (
	PosInf    = "+Inf"      // positive infinity: a 100% target with a failure burns infinitely fast
	NegInf    = "-Inf"      // negative infinity: what remains of a zero budget once it is overspent
	Undefined = "undefined" // no value: the SLI of a stretch of time without events
)

// The words for an exhaustion that is not a timestamp.
const (
	Exhausted    = "exhausted"     // the budget is spent
	NotProjected = "not projected" // nothing burns the budget, so it never runs out at this pace
)

// FormatNumber writes a number as every report writes it: the shortest
// decimal that reads back exactly when it is finite, PosInf or NegInf when
// it is infinite, and Undefined for NaN.
func FormatNumber(f float64) string {
	switch {
	case math.IsNaN(f):
		return Undefined
	case math.IsInf(f, 1):
		return PosInf
	case math.IsInf(f, -1):
		return NegInf
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// ParseNumber reads what FormatNumber writes.
func ParseNumber(s string) (float64, error) {
	switch s {
	case Undefined:
		return math.NaN(), nil
	case PosInf:
		return math.Inf(1), nil
	case NegInf:
		return math.Inf(-1), nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, fmt.Errorf("slo: %q is not a number, %s, %s or %s", s, PosInf, NegInf, Undefined)
	}
	return f, nil
}

// formatFixed writes a finite number with format (such as "%.3g"), and
// anything else as FormatNumber does: Go's "NaN" is never printed.
func formatFixed(format string, f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return FormatNumber(f)
	}
	return fmt.Sprintf(format, f)
}

// humanNumber writes a figure for people: a finite one to digits
// significant digits and never in exponent notation (diag.Number:
// 154,500, not 1.545e+05), anything else as FormatNumber does.
func humanNumber(f float64, digits int) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return FormatNumber(f)
	}
	return diag.Number(f, digits)
}

// jsonNumber is a float in JSON: a number when finite, else the string
// FormatNumber writes. encoding/json refuses infinities and NaN; a report
// must never fail to encode, least of all when a budget is spent.
type jsonNumber float64

func (n jsonNumber) MarshalJSON() ([]byte, error) {
	f := float64(n)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte(`"` + FormatNumber(f) + `"`), nil
	}
	return json.Marshal(f)
}

func (n *jsonNumber) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		f, err := ParseNumber(s)
		*n = jsonNumber(f)
		return err
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	*n = jsonNumber(f)
	return nil
}

var (
	floatType = reflect.TypeFor[float64]()
	floatsTyp = reflect.TypeFor[[]float64]()
)

// marshalExplicit encodes a struct as encoding/json would, field by field
// in order, with its struct tags (names, "-", omitempty, embedded structs
// flattened), except that every float64 and []float64 is encoded as
// jsonNumber. The report types marshal themselves through it, so a field
// added later is encoded without being listed anywhere.
func marshalExplicit(v any) ([]byte, error) {
	rv := reflect.ValueOf(v)
	var buf bytes.Buffer
	buf.WriteByte('{')
	first := true
	err := eachField(rv, func(name string, omitEmpty bool, f reflect.Value) error {
		if omitEmpty && isEmpty(f) {
			return nil
		}
		var b []byte
		var err error
		switch f.Type() {
		case floatType:
			b, err = jsonNumber(f.Float()).MarshalJSON()
		case floatsTyp:
			if f.IsNil() {
				b = []byte("null")
				break
			}
			ns := make([]jsonNumber, f.Len())
			for i := range ns {
				ns[i] = jsonNumber(f.Index(i).Float())
			}
			b, err = json.Marshal(ns)
		default:
			b, err = json.Marshal(f.Interface())
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if !first {
			buf.WriteByte(',')
		}
		first = false
		key, _ := json.Marshal(name)
		buf.Write(key)
		buf.WriteByte(':')
		buf.Write(b)
		return nil
	})
	if err != nil {
		return nil, err
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// unmarshalExplicit decodes what marshalExplicit encodes into the struct
// ptr points to. Keys are matched exactly; unknown keys are ignored.
func unmarshalExplicit(b []byte, ptr any) error {
	var members map[string]json.RawMessage
	if err := json.Unmarshal(b, &members); err != nil {
		return err
	}
	return eachField(reflect.ValueOf(ptr).Elem(), func(name string, _ bool, f reflect.Value) error {
		raw, ok := members[name]
		if !ok {
			return nil
		}
		var err error
		switch f.Type() {
		case floatType:
			var n jsonNumber
			err = n.UnmarshalJSON(raw)
			f.SetFloat(float64(n))
		case floatsTyp:
			var ns []jsonNumber
			err = json.Unmarshal(raw, &ns)
			if ns != nil {
				fs := make([]float64, len(ns))
				for i, n := range ns {
					fs[i] = float64(n)
				}
				f.Set(reflect.ValueOf(fs))
			}
		default:
			err = json.Unmarshal(raw, f.Addr().Interface())
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		return nil
	})
}

// eachField calls fn with every field of the struct v that encoding/json
// would encode, in order, embedded structs without a tag flattened.
func eachField(v reflect.Value, fn func(name string, omitEmpty bool, f reflect.Value) error) error {
	t := v.Type()
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if sf.Anonymous && name == "" && sf.Type.Kind() == reflect.Struct {
			if err := eachField(v.Field(i), fn); err != nil {
				return err
			}
			continue
		}
		if !sf.IsExported() {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		if err := fn(name, strings.Contains(","+opts+",", ",omitempty,"), v.Field(i)); err != nil {
			return err
		}
	}
	return nil
}

// isEmpty is encoding/json's notion of an empty value for omitempty.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return false
}
