package rehearse

import (
	"errors"
	"fmt"
)

// Error codes shared by every layer. The web and api packages map them to
// HTTP status codes in one place.
const (
	ECONFLICT = "conflict"  // the request conflicts with the current state
	EINTERNAL = "internal"  // a bug or an outage; never shown in detail
	EINVALID  = "invalid"   // the input is wrong; the message says how
	ENOTFOUND = "not_found" // the thing asked for does not exist
	ETOOLARGE = "too_large" // the input exceeds a documented limit
)

// Error is an error with a code, a message safe to show a user, and an
// optional wrapped cause that is logged but never shown.
type Error struct {
	Code    string
	Message string
	Err     error
}

// Error implements the error interface.
func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("rehearse error: code=%s message=%s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("rehearse error: code=%s message=%s", e.Code, e.Message)
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-safe message of the first *Error in err's
// chain, or a generic message for internal errors.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) && e.Code != EINTERNAL {
		return e.Message
	}
	return "Something went wrong on our side. Please try again."
}
