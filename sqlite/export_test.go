package sqlite

// SetCommonWordDocs lowers the number of questions from which a word is
// common (see search.go) and returns a function that restores it.
func SetCommonWordDocs(n int) (restore func()) {
	old := commonWordDocs
	commonWordDocs = n
	return func() { commonWordDocs = old }
}
