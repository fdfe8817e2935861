package api

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/rehearse/rehearse"
)

// RecordingResponse is a stored recording's description (not its audio).
type RecordingResponse struct {
	Recording *rehearse.Recording `json:"recording"`
}

// createRecording stores the request body, an audio recording of a spoken
// answer to the question, for the candidate to play back.
func (h *Handler) createRecording(w http.ResponseWriter, r *http.Request) error {
	q, err := h.store.Question(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	rec := &rehearse.Recording{QuestionID: q.ID}
	if d := r.URL.Query().Get("duration_seconds"); d != "" {
		v, err := strconv.ParseFloat(d, 64)
		if err != nil || v < 0 || v > rehearse.MaxDurationSeconds {
			return rehearse.Errorf(rehearse.EINVALID, "duration_seconds must be a number between 0 and %d.", rehearse.MaxDurationSeconds)
		}
		rec.DurationSeconds = v
	}
	data, err := io.ReadAll(io.LimitReader(r.Body, rehearse.MaxRecordingBytes+1))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) || len(data) > rehearse.MaxRecordingBytes {
		return rehearse.Errorf(rehearse.ETOOLARGE, "The recording is larger than %d bytes (10 MB); record a shorter answer.", rehearse.MaxRecordingBytes)
	} else if err != nil {
		return rehearse.Errorf(rehearse.EINVALID, "The recording could not be read: %v.", err)
	}
	if rec.ContentType, err = rehearse.CheckAudio(data, r.Header.Get("Content-Type")); err != nil {
		return err
	}
	rec.Data = data
	if err := h.store.SaveRecording(r.Context(), rehearse.LocalUserID, rec); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, RecordingResponse{Recording: rec})
	return nil
}

func recordingID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return 0, rehearse.Errorf(rehearse.ENOTFOUND, "There is no recording %q.", r.PathValue("id"))
	}
	return id, nil
}

// recording serves a recording's audio, with range requests so that
// players can seek.
func (h *Handler) recording(w http.ResponseWriter, r *http.Request) error {
	id, err := recordingID(r)
	if err != nil {
		return err
	}
	rec, err := h.store.Recording(r.Context(), rehearse.LocalUserID, id)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", rec.ContentType)
	w.Header().Set("Cache-Control", "private, no-store")
	http.ServeContent(w, r, "", rec.CreatedAt, bytes.NewReader(rec.Data))
	return nil
}

func (h *Handler) deleteRecording(w http.ResponseWriter, r *http.Request) error {
	id, err := recordingID(r)
	if err != nil {
		return err
	}
	if err := h.store.DeleteRecording(r.Context(), rehearse.LocalUserID, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
