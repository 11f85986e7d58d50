from esfkit.cli import main

main()
