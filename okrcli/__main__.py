from __future__ import annotations

from okrcli.cli import main

if __name__ == "__main__":
    main()
