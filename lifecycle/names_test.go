package lifecycle_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/lifecycle"
)

func TestEvents(t *testing.T) {
	want := []lifecycle.Event{lifecycle.New, lifecycle.Use, lifecycle.Change, lifecycle.Suspend, lifecycle.Retire}
	got := lifecycle.Events()
	require.Equal(t, want, got)
	got[0] = lifecycle.Retire
	assert.Equal(t, want, lifecycle.Events(), "Events must return a fresh slice")
}

func TestEventNames(t *testing.T) {
	tests := []struct {
		e      lifecycle.Event
		en, ja string
	}{
		{lifecycle.New, "new", "新規"},
		{lifecycle.Use, "use", "利用"},
		{lifecycle.Change, "change", "変更"},
		{lifecycle.Suspend, "suspend", "停止"},
		{lifecycle.Retire, "retire", "廃止"},
	}
	for _, tt := range tests {
		t.Run(tt.en, func(t *testing.T) {
			assert.True(t, tt.e.IsValid())
			assert.Equal(t, tt.en, tt.e.String())
			assert.Equal(t, tt.ja, tt.e.Japanese())

			upper := []byte(tt.en)
			for i := range upper {
				upper[i] -= 'a' - 'A'
			}
			title := string(upper[:1]) + tt.en[1:]
			for _, in := range []string{
				tt.en, string(upper), title, " " + tt.en + "\t", "\n" + title + "\r\n",
				tt.ja, "　" + tt.ja + "　", " " + tt.ja + "\n",
			} {
				got, err := lifecycle.ParseEvent(in)
				require.NoError(t, err, "%q", in)
				assert.Equal(t, tt.e, got, "%q", in)
				assert.Equal(t, tt.e, lifecycle.MustParseEvent(in), "%q", in)
			}

			text, err := tt.e.MarshalText()
			require.NoError(t, err)
			assert.Equal(t, tt.en, string(text))
			var back lifecycle.Event
			require.NoError(t, back.UnmarshalText([]byte(tt.ja)))
			assert.Equal(t, tt.e, back)
		})
	}
}

func TestParseEventErrors(t *testing.T) {
	for _, in := range []string{
		"", "   ", "news", "ne w", "stop", "新 規", "新規規", "suspend.deletion",
		"ſuspend", // U+017F folds to "s" under Unicode rules; only ASCII case is ignored
		"\u212Aeep", "retire\x00", "\xff",
	} {
		t.Run(in, func(t *testing.T) {
			got, err := lifecycle.ParseEvent(in)
			require.ErrorIs(t, err, lifecycle.ErrUnknown)
			assert.Equal(t, lifecycle.Event(0), got)
			assert.Panics(t, func() { lifecycle.MustParseEvent(in) })
			var e lifecycle.Event = lifecycle.Use
			if in != "" {
				require.ErrorIs(t, e.UnmarshalText([]byte(in)), lifecycle.ErrUnknown)
				assert.Equal(t, lifecycle.Use, e, "a failed UnmarshalText leaves the value alone")
			}
		})
	}
	_, err := lifecycle.ParseEvent("stop")
	assert.EqualError(t, err, `lifecycle: unknown event "stop"`)
}

func TestEventInvalidAndZero(t *testing.T) {
	for _, e := range []lifecycle.Event{0, 6, 255} {
		assert.False(t, e.IsValid())
		assert.Empty(t, e.Japanese())
		assert.Nil(t, e.Decisions())
	}
	assert.Equal(t, "event(0)", lifecycle.Event(0).String())
	assert.Equal(t, "event(6)", lifecycle.Event(6).String())

	text, err := lifecycle.Event(0).MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "", string(text))
	_, err = lifecycle.Event(6).MarshalText()
	require.ErrorIs(t, err, lifecycle.ErrUnknown)

	e := lifecycle.Retire
	require.NoError(t, e.UnmarshalText(nil))
	assert.Equal(t, lifecycle.Event(0), e)
}

func TestSubjects(t *testing.T) {
	want := []lifecycle.Subject{lifecycle.Service, lifecycle.System, lifecycle.Data, lifecycle.Equipment, lifecycle.Authority}
	got := lifecycle.Subjects()
	require.Equal(t, want, got)
	got[0] = lifecycle.Data
	assert.Equal(t, want, lifecycle.Subjects(), "Subjects must return a fresh slice")
}

func TestSubjectNames(t *testing.T) {
	tests := []struct {
		s       lifecycle.Subject
		en, ja  string
		aliases []string
	}{
		{lifecycle.Service, "service", "サービス", []string{"業務"}},
		{lifecycle.System, "system", "システム", nil},
		{lifecycle.Data, "data", "データ", nil},
		{lifecycle.Equipment, "equipment", "設備", []string{"機器", "資材"}},
		{lifecycle.Authority, "authority", "権限", nil},
	}
	for _, tt := range tests {
		t.Run(tt.en, func(t *testing.T) {
			assert.True(t, tt.s.IsValid())
			assert.Equal(t, tt.en, tt.s.String())
			assert.Equal(t, tt.ja, tt.s.Japanese())

			upper := []byte(tt.en)
			for i := range upper {
				upper[i] -= 'a' - 'A'
			}
			title := string(upper[:1]) + tt.en[1:]
			inputs := []string{tt.en, string(upper), title, "\t" + title + " ", tt.ja, "　" + tt.ja + "\n"}
			for _, a := range tt.aliases {
				inputs = append(inputs, a, " "+a+" ")
			}
			for _, in := range inputs {
				got, err := lifecycle.ParseSubject(in)
				require.NoError(t, err, "%q", in)
				assert.Equal(t, tt.s, got, "%q", in)
				assert.Equal(t, tt.s, lifecycle.MustParseSubject(in), "%q", in)
			}

			text, err := tt.s.MarshalText()
			require.NoError(t, err)
			assert.Equal(t, tt.en, string(text))
			var back lifecycle.Subject
			require.NoError(t, back.UnmarshalText([]byte(tt.ja)))
			assert.Equal(t, tt.s, back)
		})
	}
}

func TestParseSubjectErrors(t *testing.T) {
	for _, in := range []string{"", " ", "services", "datum", "サービス業務", "業 務", "business", "\xfe"} {
		t.Run(in, func(t *testing.T) {
			got, err := lifecycle.ParseSubject(in)
			require.ErrorIs(t, err, lifecycle.ErrUnknown)
			assert.Equal(t, lifecycle.Subject(0), got)
			assert.Panics(t, func() { lifecycle.MustParseSubject(in) })
		})
	}
	_, err := lifecycle.ParseSubject("business")
	assert.EqualError(t, err, `lifecycle: unknown subject "business"`)
}

func TestSubjectInvalidAndZero(t *testing.T) {
	for _, s := range []lifecycle.Subject{0, 6, 200} {
		assert.False(t, s.IsValid())
		assert.Empty(t, s.Japanese())
	}
	assert.Equal(t, "subject(0)", lifecycle.Subject(0).String())
	assert.Equal(t, "subject(200)", lifecycle.Subject(200).String())

	text, err := lifecycle.Subject(0).MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "", string(text))
	_, err = lifecycle.Subject(6).MarshalText()
	require.ErrorIs(t, err, lifecycle.ErrUnknown)

	s := lifecycle.Data
	require.NoError(t, s.UnmarshalText([]byte{}))
	assert.Equal(t, lifecycle.Subject(0), s)
	require.ErrorIs(t, s.UnmarshalText([]byte("database")), lifecycle.ErrUnknown)
}

func TestDecisionTable(t *testing.T) {
	want := map[lifecycle.Event][]string{
		lifecycle.New:     {"issuance", "inquiries", "naming"},
		lifecycle.Use:     {"users", "operators", "thirdParties"},
		lifecycle.Change:  {"triggers", "patterns"},
		lifecycle.Suspend: {"triggers", "permissions", "deletion", "idReissue"},
		lifecycle.Retire:  {"personalData", "disposal", "notice", "contact"},
	}
	docs := map[string]bool{}
	for _, e := range lifecycle.Events() {
		var keys []string
		for _, d := range e.Decisions() {
			assert.Equal(t, e, d.Event)
			assert.True(t, d.IsValid(), d.String())
			assert.NotEmpty(t, d.Doc(), d.String())
			assert.NotContains(t, d.Doc(), "\n", "Doc is one line")
			assert.False(t, docs[d.Doc()], "duplicate doc %q", d.Doc())
			docs[d.Doc()] = true
			keys = append(keys, d.Key)
		}
		assert.Equal(t, want[e], keys, e.String())
	}
	ds := lifecycle.Suspend.Decisions()
	ds[0].Key = "changed"
	assert.Equal(t, "triggers", lifecycle.Suspend.Decisions()[0].Key, "Decisions must return a fresh slice")
}

func TestDecisionRoundTrip(t *testing.T) {
	for _, e := range lifecycle.Events() {
		for _, d := range e.Decisions() {
			s := d.String()
			assert.Equal(t, e.String()+"."+d.Key, s)
			got, err := lifecycle.ParseDecision(s)
			require.NoError(t, err, s)
			assert.Equal(t, d, got)

			got, err = lifecycle.ParseDecision(" " + e.Japanese() + "." + d.Key + "\n")
			require.NoError(t, err)
			assert.Equal(t, d, got)

			text, err := d.MarshalText()
			require.NoError(t, err)
			assert.Equal(t, s, string(text))
			var back lifecycle.Decision
			require.NoError(t, back.UnmarshalText(text))
			assert.Equal(t, d, back)
		}
	}
}

func TestParseDecision(t *testing.T) {
	ok := []struct {
		in   string
		want lifecycle.Decision
	}{
		{"suspend.deletion", lifecycle.Decision{Event: lifecycle.Suspend, Key: "deletion"}},
		{"SUSPEND.IDREISSUE", lifecycle.Decision{Event: lifecycle.Suspend, Key: "idReissue"}},
		{"Retire.personaldata", lifecycle.Decision{Event: lifecycle.Retire, Key: "personalData"}},
		{" use . thirdParties ", lifecycle.Decision{Event: lifecycle.Use, Key: "thirdParties"}},
		{"変更.triggers", lifecycle.Decision{Event: lifecycle.Change, Key: "triggers"}},
	}
	for _, tt := range ok {
		got, err := lifecycle.ParseDecision(tt.in)
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.want, got, tt.in)
		assert.Equal(t, tt.want, lifecycle.MustParseDecision(tt.in), tt.in)
	}

	for _, in := range []string{
		"", ".", "suspend", "suspend.", ".deletion", "suspend..deletion", "suspend.deletion.x",
		"new.deletion", "stop.deletion", "suspend.delete", "suspend.id_reissue",
		"suspend.\u212Aey", "廃止.個人情報",
	} {
		got, err := lifecycle.ParseDecision(in)
		require.ErrorIs(t, err, lifecycle.ErrUnknown, "%q", in)
		assert.Equal(t, lifecycle.Decision{}, got, "%q", in)
		assert.Panics(t, func() { lifecycle.MustParseDecision(in) })
	}
	_, err := lifecycle.ParseDecision("new.deletion")
	assert.EqualError(t, err, `lifecycle: unknown decision "new.deletion"`)
}

func TestDecisionInvalidAndZero(t *testing.T) {
	zero := lifecycle.Decision{}
	assert.False(t, zero.IsValid())
	assert.Equal(t, "", zero.String())
	assert.Equal(t, "", zero.Doc())
	text, err := zero.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "", string(text))

	bad := []lifecycle.Decision{
		{Event: lifecycle.New, Key: "deletion"},
		{Event: lifecycle.Suspend, Key: "Deletion"}, // keys are exact in documents
		{Event: 9, Key: "deletion"},
		{Event: lifecycle.Retire},
	}
	for _, d := range bad {
		assert.False(t, d.IsValid(), d.String())
		assert.Equal(t, "", d.Doc())
		_, err := d.MarshalText()
		require.ErrorIs(t, err, lifecycle.ErrUnknown, d.String())
	}
	assert.Equal(t, "event(9).deletion", bad[2].String())

	d := lifecycle.MustParseDecision("retire.notice")
	require.ErrorIs(t, d.UnmarshalText([]byte("retire.notices")), lifecycle.ErrUnknown)
	assert.Equal(t, lifecycle.MustParseDecision("retire.notice"), d, "a failed UnmarshalText leaves the value alone")
	require.NoError(t, d.UnmarshalText(nil))
	assert.Equal(t, zero, d)
}
