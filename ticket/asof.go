package ticket

import (
	"slices"
	"time"
)

// AsOf returns the ticket as an export taken at instant now would have
// shown it: its history up to now, its first-response completion only if
// it came by now, its escalations up to now, and its exclusion only if it
// is resolved or closed as of now. Values without a time are kept. The
// result shares the ticket's slices and maps (a prefix of its history);
// it allocates only when an escalation comes after now. A zero now
// returns the ticket as it is.
func (t *Ticket) AsOf(now time.Time) Ticket {
	v := *t
	if now.IsZero() {
		return v
	}
	// The history is in time order: keep the entries at or before now.
	n := len(v.History)
	for n > 0 && v.History[n-1].At.After(now) {
		n--
	}
	v.History = v.History[:n:n]
	if v.Completed.After(now) {
		v.Completed = time.Time{}
	}
	if slices.ContainsFunc(v.Escalations, func(e Escalation) bool { return e.At.After(now) }) {
		v.Escalations = slices.DeleteFunc(slices.Clone(v.Escalations), func(e Escalation) bool { return e.At.After(now) })
	}
	if v.Exclusion != "" && !v.Status().Done() {
		v.Exclusion = ""
	}
	return v
}

// Answers reports whether the activity answers the ticket: an agent's
// action of any kind, or a resolution or close whose actor the export does
// not record and that is not forced. A bot's and the requester's
// activities never answer (see the package doc's definitions).
func (a *Activity) Answers() bool {
	switch a.Actor {
	case Agent:
		return true
	case "":
		return a.Status.Done() && !a.Forced
	}
	return false
}
