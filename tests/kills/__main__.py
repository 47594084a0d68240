import sys

from tests.kills.harness import main

sys.exit(main())
