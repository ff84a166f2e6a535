package lifecycle_test

import (
	"errors"
	"testing"

	"github.com/opsdesign/opsdesign/lifecycle"
)

// FuzzParse feeds one input to every parser of the package: each must
// reject it with ErrUnknown and a zero value, or accept it and read back
// what it prints. One target with a shared corpus serves these small
// grammars better than one target each.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"new", " Use ", "CHANGE", "停止", "　廃止\n", "", "stop", "ſuspend", "\xff",
		"service", " DATA ", "Equipment", "データ", "業務", "機器", "資材", "datum", "\xfe",
		"suspend.deletion", "SUSPEND.IDREISSUE", " 廃止 . contact ", "new.", ".naming", "new.deletion", "a.b.c",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkEvent(t, s)
		checkSubject(t, s)
		checkDecision(t, s)
	})
}

func checkEvent(t *testing.T, s string) {
	e, err := lifecycle.ParseEvent(s)
	if err != nil {
		if !errors.Is(err, lifecycle.ErrUnknown) || e != 0 {
			t.Fatalf("ParseEvent(%q) = %v, %v; want zero and ErrUnknown", s, e, err)
		}
		return
	}
	if !e.IsValid() {
		t.Fatalf("ParseEvent(%q) = invalid %v", s, e)
	}
	for _, text := range []string{e.String(), e.Japanese()} {
		if back, err := lifecycle.ParseEvent(text); err != nil || back != e {
			t.Fatalf("ParseEvent(%q) = %v, %v; want %v", text, back, err, e)
		}
	}
	b, err := e.MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	var back lifecycle.Event
	if err := back.UnmarshalText(b); err != nil || back != e {
		t.Fatalf("UnmarshalText(%q) = %v, %v; want %v", b, back, err, e)
	}
}

func checkSubject(t *testing.T, s string) {
	k, err := lifecycle.ParseSubject(s)
	if err != nil {
		if !errors.Is(err, lifecycle.ErrUnknown) || k != 0 {
			t.Fatalf("ParseSubject(%q) = %v, %v; want zero and ErrUnknown", s, k, err)
		}
		return
	}
	if !k.IsValid() {
		t.Fatalf("ParseSubject(%q) = invalid %v", s, k)
	}
	for _, text := range []string{k.String(), k.Japanese()} {
		if back, err := lifecycle.ParseSubject(text); err != nil || back != k {
			t.Fatalf("ParseSubject(%q) = %v, %v; want %v", text, back, err, k)
		}
	}
	b, err := k.MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	var back lifecycle.Subject
	if err := back.UnmarshalText(b); err != nil || back != k {
		t.Fatalf("UnmarshalText(%q) = %v, %v; want %v", b, back, err, k)
	}
}

func checkDecision(t *testing.T, s string) {
	d, err := lifecycle.ParseDecision(s)
	if err != nil {
		if !errors.Is(err, lifecycle.ErrUnknown) || d != (lifecycle.Decision{}) {
			t.Fatalf("ParseDecision(%q) = %v, %v; want zero and ErrUnknown", s, d, err)
		}
		return
	}
	if !d.IsValid() || d.Doc() == "" {
		t.Fatalf("ParseDecision(%q) = invalid %#v", s, d)
	}
	if back, err := lifecycle.ParseDecision(d.String()); err != nil || back != d {
		t.Fatalf("ParseDecision(%q) = %v, %v; want %v", d.String(), back, err, d)
	}
	b, err := d.MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	var back lifecycle.Decision
	if err := back.UnmarshalText(b); err != nil || back != d {
		t.Fatalf("UnmarshalText(%q) = %v, %v; want %v", b, back, err, d)
	}
}
