package analysis

// numberPatterns finds phone numbers (555-201-3344, (555) 201 3344,
// 555.201.3344), numeric dates (4/12/1961, 04-12-61) and social security
// numbers (123-45-6789) in one pass over the bytes; regular expressions for
// these were most of the engine's time.
func numberPatterns(s string) []Span {
	var out []Span
	isDigit := func(i int) bool { return i >= 0 && i < len(s) && s[i] >= '0' && s[i] <= '9' }
	i := 0
	for i < len(s) && len(out) < 5 {
		// Skip to the next run of digits; a number starts at its first.
		for i < len(s) && (s[i] < '0' || s[i] > '9') {
			i++
		}
		if i == len(s) {
			break
		}
		if isDigit(i - 1) {
			i++
			continue
		}
		// Read up to three digit groups joined by single separators.
		var groups [3][2]int // start, end
		var seps [2]byte
		n, j := 0, i
		for n < 3 {
			start := j
			for isDigit(j) {
				j++
			}
			groups[n] = [2]int{start, j}
			n++
			if n == 3 || j+1 >= len(s) {
				break
			}
			sep := s[j]
			next := j + 1
			if sep == ')' && next < len(s) && s[next] == ' ' {
				next++
			}
			if (sep != '-' && sep != '.' && sep != '/' && sep != ' ' && sep != ')') || !isDigit(next) {
				break
			}
			seps[n-1] = sep
			j = next
		}
		if n == 3 && !isDigit(j) && !(j < len(s) && s[j] == '.' && isDigit(j+1)) {
			l0, l1, l2 := groups[0][1]-groups[0][0], groups[1][1]-groups[1][0], groups[2][1]-groups[2][0]
			start := i
			if start > 0 && s[start-1] == '(' {
				start--
			}
			switch {
			case l0 == 3 && l1 == 3 && l2 == 4 && seps[1] != '/':
				out = append(out, Span{Start: start, End: j, Text: s[start:j]})
			case l0 == 3 && l1 == 2 && l2 == 4 && seps[0] == '-' && seps[1] == '-':
				out = append(out, Span{Start: i, End: j, Text: s[i:j]})
			case l0 <= 2 && l1 <= 2 && (l2 == 2 || l2 == 4) && seps[0] == seps[1] && (seps[0] == '/' || seps[0] == '-') &&
				atoi(s[groups[0][0]:groups[0][1]]) <= 12 && atoi(s[groups[1][0]:groups[1][1]]) <= 31:
				out = append(out, Span{Start: i, End: j, Text: s[i:j]})
			}
		}
		i = max(j, i+1)
	}
	return out
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
