import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.next/',
      'dist/',
      'data/',
      'media/',
      'tests/.output/',
      'bench/results/',
      'bench/tmp/',
      'bench/.cache/',
      'src/payload-types.ts',
      'src/migrations/',
      'src/app/(payload)/',
      'next-env.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    // Tests read loosely typed JSON responses.
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The layers (README: Architecture): lib/ is pure, collections/ and seed/ never reach into
    // the app in src/.
    files: ['lib/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['payload', 'payload/*', '@payloadcms/*', 'express', 'next', 'next/*'],
              message: 'lib/ is pure: no Payload, Express or Next (put it in collections/ or src/)',
            },
            {
              group: ['node:http', 'http', 'node:fs', 'fs', 'node:net', 'net'],
              message: 'lib/ does no I/O',
            },
            {
              group: ['../src/*', '../collections/*', '../seed/*'],
              message: 'lib/ imports only lib/',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['collections/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/*', '**/seed/*', '@payload-config'],
              message: 'collections/ imports only lib/ and itself',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['seed/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/*', '@payload-config'],
              message:
                'seed/ imports only lib/ and collections/ (src/cli/seed.ts passes in Payload)',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
)
