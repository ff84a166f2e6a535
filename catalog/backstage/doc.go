// Package backstage reads Backstage catalog entities as opsdesign sees
// them: foreign documents (apiVersion backstage.io/v1alpha1 or v1beta1,
// scaffolder.backstage.io/v1beta3 for a Template) with their own identity,
// kind:namespace/name, the namespace "default" when metadata names none.
//
// It is written from Backstage's public descriptor format and its list of
// well-known annotations, not from Backstage's code:
//
//   - CheckShape checks the envelope (apiVersion, kind, metadata.name) and
//     the spec members each documented kind requires, with their types
//     (Component, API, Resource, System, Domain, Group, User, Location,
//     Template, and the newer Environment).
//   - CheckMetadata checks the formats of names, namespaces, label keys
//     and values, annotation keys, tags, links and the well-known
//     annotations whose values have a documented form.
//   - ParseRef reads an entity reference, [kind:][namespace/]name, with
//     Backstage's defaulting: the kind a field takes when none is written
//     (owner: Group; dependsOn: none, so the kind must be written) and the
//     namespace of the entity that writes it.
//   - Read gives an Entity: identity, type, lifecycle and every reference
//     of its spec, each with its JSON pointer.
//
// Every problem carries the JSON pointer of the value at fault, so the
// catalog package places it at its line and column. The package knows no
// file format and imports nothing of opsdesign; the rules backstage/... in
// package catalog/rules report through it.
package backstage
