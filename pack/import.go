package pack

import (
	"context"
	"fmt"

	"github.com/rehearse/rehearse"
)

// ImportResult counts what an import did.
type ImportResult struct {
	Imported  int
	Unchanged int
}

// Import stores linted packs, each role in its own transaction; roles whose
// content hash is unchanged are skipped. It stops at the first error, which
// names the pack.
func Import(ctx context.Context, store rehearse.Store, packs []*Pack) (ImportResult, error) {
	var res ImportResult
	for _, pk := range packs {
		changed, err := store.ImportRole(ctx, pk.Role, pk.Hash)
		if err != nil {
			return res, fmt.Errorf("import %s: %w", pk.Path, err)
		}
		if changed {
			res.Imported++
		} else {
			res.Unchanged++
		}
	}
	return res, nil
}
