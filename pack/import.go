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

// Batch limits of Import: roles go to the database a few at a time, each
// batch in one transaction, so that a large catalog needs few commits while
// an interrupted import still leaves every role either as it was or fully
// replaced.
const (
	batchRoles     = 20
	batchQuestions = 2000
)

// Import stores linted packs; roles whose content hash is unchanged are
// skipped. Roles are written in batches, each in its own transaction.
// progress, when not nil, is called after each batch with the number of
// packs done. It stops at the first error, which names the pack (or the
// first pack of the batch).
func Import(ctx context.Context, store rehearse.Store, packs []*Pack, progress func(done int)) (ImportResult, error) {
	var res ImportResult
	for start := 0; start < len(packs); {
		end, questions := start, 0
		for end < len(packs) && end-start < batchRoles && (end == start || questions+len(packs[end].Role.Questions) <= batchQuestions) {
			questions += len(packs[end].Role.Questions)
			end++
		}
		batch := make([]rehearse.RoleImport, 0, end-start)
		for _, pk := range packs[start:end] {
			batch = append(batch, rehearse.RoleImport{Role: pk.Role, Hash: pk.Hash, Prepared: pk.prepared})
		}
		changed, err := store.ImportRoles(ctx, batch)
		switch {
		case err != nil && len(batch) > 1 && ctx.Err() == nil:
			// The batch changed nothing; import its roles one by one to
			// name the pack at fault (the ones before it are kept).
			for _, pk := range packs[start:end] {
				ok, err := store.ImportRole(ctx, pk.Role, pk.Hash)
				if err != nil {
					return res, fmt.Errorf("import %s: %w", pk.Path, err)
				}
				if ok {
					changed++
				}
			}
		case err != nil:
			return res, fmt.Errorf("import %s: %w", packs[start].Path, err)
		}
		res.Imported += changed
		res.Unchanged += end - start - changed
		start = end
		if progress != nil {
			progress(start)
		}
	}
	return res, nil
}
