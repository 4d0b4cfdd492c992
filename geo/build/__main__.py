import sys

from geo.build.geometry import main

sys.exit(main())
