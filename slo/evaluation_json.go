package slo

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

// MarshalJSON implements json.Marshaler.
func (p BudgetPoint) MarshalJSON() ([]byte, error) { return marshalExplicit(p) }

// UnmarshalJSON implements json.Unmarshaler.
func (p *BudgetPoint) UnmarshalJSON(b []byte) error { return unmarshalExplicit(b, p) }

// MarshalJSON implements json.Marshaler.
func (t TierBurn) MarshalJSON() ([]byte, error) { return marshalExplicit(t) }

// UnmarshalJSON implements json.Unmarshaler.
func (t *TierBurn) UnmarshalJSON(b []byte) error { return unmarshalExplicit(b, t) }

// MarshalJSON implements json.Marshaler.
func (p BurnPoint) MarshalJSON() ([]byte, error) { return marshalExplicit(p) }

// UnmarshalJSON implements json.Unmarshaler.
func (p *BurnPoint) UnmarshalJSON(b []byte) error { return unmarshalExplicit(b, p) }
