package backstage

import (
	_ "embed"
	"slices"
)

//go:embed schemas/entity.json
var entitySchema []byte

// Schema returns the JSON Schema (draft 2020-12) of a Backstage entity as
// opsdesign checks it: the envelope, the metadata formats and each kind's
// spec, selected by kind. It says what CheckShape and CheckMetadata check,
// for editors and other validators; it cannot say where a reference
// points. The slice is new on every call.
func Schema() []byte { return slices.Clone(entitySchema) }
