package rehearse

import (
	"bytes"
	"context"
	"mime"
	"time"
)

// MaxRecordingBytes bounds one audio recording (about 40 minutes of Opus
// speech as browsers record it; far longer than any answer).
const MaxRecordingBytes = 10 << 20

// Recording is an audio recording of a spoken answer, kept on this server
// for the candidate to play back; never sent anywhere else.
type Recording struct {
	ID              int64     `json:"id"`
	QuestionID      string    `json:"question_id"`
	ContentType     string    `json:"content_type"`
	Size            int       `json:"size"`
	DurationSeconds float64   `json:"duration_seconds,omitempty"`
	CreatedAt       time.Time `json:"created_at"`
	Data            []byte    `json:"-"`
}

// audioFormats are the containers browsers record in, with how each one's
// data begins.
var audioFormats = []struct {
	mime  string
	match func(b []byte) bool
}{
	{"audio/webm", func(b []byte) bool { return bytes.HasPrefix(b, []byte{0x1A, 0x45, 0xDF, 0xA3}) }},
	{"audio/ogg", func(b []byte) bool { return bytes.HasPrefix(b, []byte("OggS")) }},
	{"audio/mp4", func(b []byte) bool { return len(b) >= 12 && string(b[4:8]) == "ftyp" }},
	{"audio/wav", func(b []byte) bool { return len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WAVE" }},
	{"audio/mpeg", func(b []byte) bool {
		return bytes.HasPrefix(b, []byte("ID3")) || len(b) >= 2 && b[0] == 0xFF && b[1]&0xE0 == 0xE0
	}},
}

// CheckAudio checks that data is a recording in a format browsers record
// and play, as its declared content type says, and returns the content
// type to store (without parameters; audio/x-wav and audio/wave count as
// audio/wav, video/webm as audio/webm since browsers label audio-only
// WebM either way). Anything else is EINVALID; an empty or over-long
// recording too (ETOOLARGE for the latter).
func CheckAudio(data []byte, contentType string) (string, error) {
	if len(data) == 0 {
		return "", Errorf(EINVALID, "The recording is empty.")
	}
	if len(data) > MaxRecordingBytes {
		return "", Errorf(ETOOLARGE, "The recording is %d bytes; the limit is %d (10 MB).", len(data), MaxRecordingBytes)
	}
	declared, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return "", Errorf(EINVALID, "Send the recording with an audio Content-Type such as audio/webm.")
	}
	switch declared {
	case "audio/x-wav", "audio/wave":
		declared = "audio/wav"
	case "video/webm":
		declared = "audio/webm"
	case "audio/x-m4a", "audio/m4a":
		declared = "audio/mp4"
	}
	for _, f := range audioFormats {
		if f.mime == declared {
			if !f.match(data) {
				return "", Errorf(EINVALID, "The upload says it is %s, but its content is not; only audio recordings are kept.", declared)
			}
			return declared, nil
		}
	}
	return "", Errorf(EINVALID, "%q is not a supported audio format; send audio/webm, audio/ogg, audio/mp4, audio/wav or audio/mpeg.", declared)
}

// RecordingStore keeps a user's audio recordings. Both stores implement it.
type RecordingStore interface {
	// SaveRecording stores a recording and fills its ID and CreatedAt.
	SaveRecording(ctx context.Context, userID int64, r *Recording) error
	// Recording returns one recording of the user with its data;
	// ENOTFOUND otherwise.
	Recording(ctx context.Context, userID, id int64) (*Recording, error)
	// DeleteRecording removes a recording of the user and unlinks it from
	// attempts; ENOTFOUND if there is none.
	DeleteRecording(ctx context.Context, userID, id int64) error
}
