package teamdesign_test

import (
	"fmt"

	"github.com/opsdesign/opsdesign/examples/teamdesign"
)

// Load the team's design and list its services with their tasks.
func Example() {
	design, err := teamdesign.Load()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range design.Services {
		fmt.Printf("%s (%s): %d tasks\n", s.Name, s.Title, len(s.Tasks))
	}
	// Output:
	// laptop-loans (貸出PC): 7 tasks
}
