//go:build !tamago || softuaccess || !(amd64 || arm64)

package mm

// directUaccess: every user copy takes the software path, on the host
// (there is no MMU to copy through) and with -tags softuaccess.
const (
	directUaccess       = false
	uaccessUnprivileged = false
)

func copyFromUser([]byte, uint64) bool { return false }
func copyToUser(uint64, []byte) bool   { return false }
