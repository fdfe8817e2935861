// Package content embeds the role packs that ship with Rehearse: one folder
// of YAML files per role (see docs/pack-format.md).
package content

import "embed"

// FS holds the shipped packs, one folder per role at its root.
//
//go:embed */*.yaml
var FS embed.FS
