package pack

import (
	"io/fs"
	"os"
)

// OS is a file system over the operating system's files that takes paths
// as the user typed them (relative to the working directory, or absolute),
// so that problems name files the way the user knows them.
var OS fs.FS = osFS{}

type osFS struct{}

func (osFS) Open(name string) (fs.File, error) { return os.Open(name) }
