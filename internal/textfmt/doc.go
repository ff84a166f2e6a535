// Package textfmt writes text for people: the terminal width of East
// Asian text, columns aligned by that width, counted nouns ("1 ticket",
// "2 tickets"), numbers without exponent notation and durations without
// trailing zero units.
//
// It is the one place that knows how wide a character is on a terminal:
// catalog/report puts its caret under a column with RuneWidth, and every
// text table of the reports (ticket, roles, slo, catalog/render,
// catalog/sloreport) pads its cells with Width, so a Japanese request
// type lines up with an English one. It imports only the standard
// library, so the pure domain packages may use it too.
package textfmt
