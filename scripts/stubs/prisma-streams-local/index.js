throw new Error('@prisma/streams-local is stubbed: prisma dev is not supported in this project');
