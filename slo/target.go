package slo

import (
	"strconv"
	"strings"
)

// Target is the fraction an objective promises, such as 99.9% of requests
// good or 95% of tickets answered in time. It is kept exactly, in parts per
// billion, so "99.9%" and 0.999 are the same value and print the same way.
// Valid targets lie in (0, 1]; the zero Target means "not set".
type Target struct {
	ppb int64
}

const targetScale = 1_000_000_000

// ParseTarget parses a target written as a percentage ("99.9%", "95 %") or
// as a fraction ("0.999", "1"). At most seven decimals are kept after a
// percentage and nine after a fraction. A bare number above 1 and up to 100
// ("99.9") is rejected with an error wrapping ErrTargetScale, because it is
// almost always a percentage missing its sign.
func ParseTarget(s string) (Target, error) {
	const what = "target"
	t := strings.TrimSpace(s)
	percent := strings.HasSuffix(t, "%")
	if percent {
		t = strings.TrimSpace(strings.TrimSuffix(t, "%"))
	}
	intPart, frac, hasDot := strings.Cut(t, ".")
	if intPart == "" || (hasDot && frac == "") {
		return Target{}, parseErr(ErrInvalidTarget, what, s, 0, "want a number such as 99.9% or 0.999")
	}
	maxFrac := 9
	if percent {
		maxFrac = 7
	}
	if len(frac) > maxFrac {
		frac = strings.TrimRight(frac, "0")
		if len(frac) > maxFrac {
			return Target{}, parseErr(ErrInvalidTarget, what, s, len(intPart)+1, "more precise than one part per billion")
		}
	}
	ip, ok := digits(intPart)
	if !ok || ip > 1000 {
		return Target{}, parseErr(ErrInvalidTarget, what, s, 0, "want a number such as 99.9% or 0.999")
	}
	fp := 0
	if frac != "" {
		if fp, ok = digits(frac); !ok {
			return Target{}, parseErr(ErrInvalidTarget, what, s, len(intPart)+1, "want decimal digits")
		}
	}
	for i := len(frac); i < maxFrac; i++ {
		fp *= 10
	}
	var ppb int64
	if percent {
		ppb = int64(ip)*targetScale/100 + int64(fp)
	} else {
		ppb = int64(ip)*targetScale + int64(fp)
	}
	switch {
	case !percent && ppb > targetScale && ppb <= 100*targetScale:
		return Target{}, parseErr(ErrTargetScale, what, s, 0, "a fraction must lie in (0, 1]; write "+strconv.Quote(t+"%")+" for a percentage")
	case ppb <= 0 || ppb > targetScale:
		return Target{}, parseErr(ErrInvalidTarget, what, s, 0, "must lie above 0% and at most 100%")
	}
	return Target{ppb}, nil
}

// MustParseTarget is ParseTarget for constants; it panics on a malformed
// input.
func MustParseTarget(s string) Target {
	t, err := ParseTarget(s)
	if err != nil {
		panic(err)
	}
	return t
}

// Fraction returns the target as a number in (0, 1], or 0 when unset.
func (t Target) Fraction() float64 { return float64(t.ppb) / targetScale }

// Budget returns the error budget as a fraction: 1 - Fraction, computed
// exactly (0.001 for 99.9%).
func (t Target) Budget() float64 { return float64(targetScale-t.ppb) / targetScale }

// IsZero reports whether the target is unset.
func (t Target) IsZero() bool { return t.ppb == 0 }

// String returns the target as a percentage with no trailing zeros, such
// as "99.9%" or "100%"; an unset target is "0%".
func (t Target) String() string {
	whole, frac := t.ppb/(targetScale/100), t.ppb%(targetScale/100)
	s := strconv.FormatInt(whole, 10)
	if frac != 0 {
		f := strconv.FormatInt(frac+targetScale/100, 10)[1:] // zero-padded to 7 digits
		s += "." + strings.TrimRight(f, "0")
	}
	return s + "%"
}

// MarshalText implements encoding.TextMarshaler.
func (t Target) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (t *Target) UnmarshalText(b []byte) error {
	v, err := ParseTarget(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}
