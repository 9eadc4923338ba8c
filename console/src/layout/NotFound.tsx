import { Link } from 'react-router';
import { Anchor, Container, Text, Title } from '@mantine/core';

export function NotFound() {
  return (
    <Container component="main" py={64}>
      <Title order={1}>Page not found</Title>
      <Text mt="sm">
        There is no page at this address. <Anchor component={Link} to="/">Go to the start page</Anchor>.
      </Text>
    </Container>
  );
}
