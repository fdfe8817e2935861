package rehearse_test

import (
	"strings"
	"testing"

	"github.com/rehearse/rehearse"
)

func TestCheckAudio(t *testing.T) {
	webm := []byte{0x1A, 0x45, 0xDF, 0xA3, 0x01, 0x02}
	wav := []byte("RIFF\x24\x00\x00\x00WAVEfmt ")
	for _, c := range []struct {
		data        []byte
		ctype, want string
		code        string
	}{
		{webm, "audio/webm;codecs=opus", "audio/webm", ""},
		{webm, "video/webm", "audio/webm", ""},
		{[]byte("OggS\x00\x02"), "audio/ogg; codecs=opus", "audio/ogg", ""},
		{[]byte("\x00\x00\x00\x18ftypM4A "), "audio/mp4", "audio/mp4", ""},
		{wav, "audio/x-wav", "audio/wav", ""},
		{[]byte("ID3\x04"), "audio/mpeg", "audio/mpeg", ""},
		{[]byte("<html><script>alert(1)</script>"), "audio/webm", "", rehearse.EINVALID},
		{webm, "text/html", "", rehearse.EINVALID},
		{webm, "", "", rehearse.EINVALID},
		{[]byte("GIF89a"), "image/gif", "", rehearse.EINVALID},
		{nil, "audio/webm", "", rehearse.EINVALID},
		{append(webm, make([]byte, rehearse.MaxRecordingBytes)...), "audio/webm", "", rehearse.ETOOLARGE},
	} {
		got, err := rehearse.CheckAudio(c.data, c.ctype)
		if got != c.want || rehearse.ErrorCode(err) != c.code && !(c.code == "" && err == nil) {
			t.Errorf("CheckAudio(%q, %q) = %q, %v; want %q, %s", strings.ToValidUTF8(string(c.data[:min(len(c.data), 8)]), "?"), c.ctype, got, err, c.want, c.code)
		}
	}
}
