// Package editorschemas assembles the JSON Schemas of every document opsdesign
// reads (its own kinds, OpenSLO's versions, Backstage entities, the
// configuration and the baseline) as a set of files editors and other validators use offline.
//
// The library embeds the schemas with $id URLs under
// https://opsdesign.dev/schemas/, a host that does not serve them. A
// validator that honours $id (as JSON Schema 2020-12 says it must) resolves
// a relative $ref against that URL and fetches it. [Files] therefore lays
// the files out as their $id URLs are laid out (v1/service.json,
// openslo/v1/slo.json) and leaves $id out of each, so that every $ref
// resolves against the file's own location: a directory written by [Write]
// (what `opsdesign schema -o DIR` does) works from a disk, with no network.
//
// v1/opsdesign.json, the umbrella, selects the schema of each document by
// its apiVersion and kind, so one editor modeline covers a file that mixes
// kinds (a Calendar beside its Objectives, OpenSLO beside opsdesign, a
// Backstage Component beside the Service that designs it):
//
//	# yaml-language-server: $schema=../.schemas/v1/opsdesign.json
//
// A document of a kind the umbrella does not know passes, as opsdesign
// keeps it as a foreign document; a kind misspelt under opsdesign/v1 or an
// OpenSLO apiVersion is an error, as it is for opsdesign.
package editorschemas
