// Package record reads the records of CSV and JSON Lines files for the
// module's importers (package ticket's exports, package eventlog's
// request logs): the reading half, one record at a time, so that each
// importer keeps only its interpretation of the fields.
//
// # Reading
//
// CSV reads records as RFC 4180 writes them; JSONL reads lines, and
// Line.Object the members of the JSON object a line holds. Both read a
// file of any size in the memory of one record:
//
//   - A record longer than Options.MaxBytes is skipped without being
//     held, and reading goes on after it. This holds for a quoted CSV
//     field that runs over many lines (Options.MultiLine) as for one long
//     line.
//   - A UTF-8 byte-order mark is dropped. A UTF-16 file, as Excel writes
//     "Unicode text", is decoded: it is told by its byte-order mark or,
//     without one, by a NUL byte among its first two bytes, which no
//     UTF-8 text has and a UTF-16 text that starts with an ASCII
//     character does. Decoding keeps lines and characters, so positions
//     stay those of the file as a user sees it; limits count the bytes
//     of the decoded UTF-8.
//   - A line ends at "\n", "\r\n" or a lone "\r" (as old Mac exports
//     write); the lines are counted so.
//   - Bytes that are not UTF-8 are passed through, not dropped:
//     Record.ValidUTF8 and InvalidUTF8 tell where they are, so an
//     importer repairs what it reads (U+FFFD) and says so.
//
// # Positions
//
// Every position is a line and a character column, both from 1, as the
// rest of the module counts them: Record.Pos for any byte of a CSV
// record, through Record.Offset for a field, and Line.Column with the
// offsets of Member for a JSON member, whose JSON pointer is Pointer of
// its key.
//
// # Problems
//
// A record that cannot be read comes back from Read as a *Problem: its
// Kind (Syntax, TooLong), the lines it spans and where the problem is.
// Each importer reports it under a rule ID of its own ("ticket/bad-csv",
// "events/row-too-long"), so rule IDs stay with the packages that
// document them. Any other error, reading the io.Reader, ends the file.
// Each runs the loop around Read that importers share, making the
// diagnostics of what it skips by the importer's Rules.
//
// # Timestamps
//
// Times reads timestamps: RFC 3339 without allocating for the common
// form, then layouts of the importer's choosing, in a time zone it names
// or never guessed, and optionally Unix seconds.
package record
